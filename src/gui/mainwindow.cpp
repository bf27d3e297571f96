// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/mainwindow.h"

#include <algorithm>

#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QProgressDialog>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QThread>

#include "gui/afterimportpass.h"
#include "gui/casepropertiesdialog.h"
#include "gui/eventtablemodel.h"
#include "gui/newcasedialog.h"
#include "ui_mainwindow.h"

using namespace Qt::StringLiterals;

namespace Dossier {
namespace {

QStringList localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    return files;
}

QString caseFileFilter()
{
    return MainWindow::tr("Dossier case (*.dossier)");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()),
      m_model(new EventTableModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_countsLabel(new QLabel(this)), m_previewBar(new QProgressBar(this))
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Dossier 证据夹"));
    setAcceptDrops(true);

    m_ui->actionNewCase->setShortcut(QKeySequence::New);
    m_ui->actionOpenCase->setShortcut(QKeySequence::Open);
    m_ui->actionImport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_ui->actionFind->setShortcut(QKeySequence::Find);
    m_ui->actionQuit->setShortcut(QKeySequence::Quit);
    m_ui->actionNewCase->setIcon(
        QIcon::fromTheme(u"document-new"_s, style()->standardIcon(QStyle::SP_FileIcon)));
    m_ui->actionOpenCase->setIcon(
        QIcon::fromTheme(u"document-open"_s, style()->standardIcon(QStyle::SP_DialogOpenButton)));
    m_ui->actionImport->setIcon(
        QIcon::fromTheme(u"document-import"_s, style()->standardIcon(QStyle::SP_ArrowDown)));

    connect(m_ui->actionNewCase, &QAction::triggered, this, &MainWindow::newCase);
    connect(m_ui->actionOpenCase, &QAction::triggered, this, &MainWindow::chooseCase);
    connect(m_ui->newCaseButton, &QPushButton::clicked, this, &MainWindow::newCase);
    connect(m_ui->openCaseButton, &QPushButton::clicked, this, &MainWindow::chooseCase);
    connect(m_ui->actionImport, &QAction::triggered, this, &MainWindow::chooseImport);
    // After Import in the File menu; its strings live with the dialog it opens.
    m_propertiesAction = new QAction(CasePropertiesDialog::actionText(), this);
    m_propertiesAction->setObjectName(u"actionCaseProperties"_s);
    m_propertiesAction->setIcon(QIcon::fromTheme(
        u"document-properties"_s, style()->standardIcon(QStyle::SP_FileDialogInfoView)));
    const QList<QAction *> fileActions = m_ui->menuFile->actions();
    const qsizetype importAt = fileActions.indexOf(m_ui->actionImport);
    m_ui->menuFile->insertAction(fileActions.value(importAt + 1), m_propertiesAction);
    connect(m_propertiesAction, &QAction::triggered, this, &MainWindow::showProperties);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionFind, &QAction::triggered, this, [this] {
        m_ui->searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->searchEdit->selectAll();
    });

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EventTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_ui->eventsView->setModel(m_proxy);
    m_ui->eventsView->sortByColumn(EventTableModel::TimeColumn, Qt::AscendingOrder);
    QHeaderView *header = m_ui->eventsView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(EventTableModel::TimeColumn, 160);
    header->resizeSection(EventTableModel::KindColumn, 130);
    header->resizeSection(EventTableModel::ChannelColumn, 80);
    header->resizeSection(EventTableModel::DirectionColumn, 70);
    header->resizeSection(EventTableModel::NumberColumn, 140);
    header->resizeSection(EventTableModel::CounterpartColumn, 150);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateStatus();
    });

    statusBar()->addPermanentWidget(m_countsLabel);
    m_previewBar->setMaximumWidth(220);
    m_previewBar->setFormat(tr("Previews %v of %m"));
    m_previewBar->setToolTip(tr("Making previews of the imported images"));
    m_previewBar->hide();
    statusBar()->addPermanentWidget(m_previewBar);
    m_ui->stack->setCurrentWidget(m_ui->welcomePage);
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow()
{
    stopPreviews();
    if (m_importThread) {
        m_cancel->store(true);
        m_importThread->wait();
    }
}

bool MainWindow::openCase(const QString &path)
{
    if (m_importThread)
        return false;
    stopPreviews();
    auto opened = CaseFile::open(path, CaseFile::Mode::ReadWrite);
    if (!opened) {
        showError(tr("Cannot open the case"),
                  tr("%1 could not be opened: %2").arg(path, opened.error().toString()));
        return false;
    }
    m_case = std::move(*opened);
    m_casePath = path;
    const CaseInfo info = m_case->info();
    setWindowTitle(tr("%1 — Dossier 证据夹").arg(info.title.isEmpty() ? QFileInfo(path).fileName()
                                                                       : info.title));
    m_ui->stack->setCurrentWidget(m_ui->eventsPage);
    reload();
    updateActions();
    emit caseOpened(path);
    startPreviews();
    return true;
}

bool MainWindow::isMakingPreviews() const
{
    return m_previews && m_previews->isRunning();
}

void MainWindow::startPreviews()
{
    if (!m_case || m_importThread || isMakingPreviews())
        return;
    const auto missing = m_case->evidenceWithoutThumbnail();
    if (!missing || missing->isEmpty())
        return;
    m_previews = std::make_unique<AfterImportPass>(m_casePath);
    connect(m_previews.get(), &AfterImportPass::progress, this, [this](int done, int total) {
        m_previewBar->setRange(0, total);
        m_previewBar->setValue(done);
    });
    connect(m_previews.get(), &AfterImportPass::finished, this, &MainWindow::onPreviewsDone);
    m_previewBar->setRange(0, int(missing->size()));
    m_previewBar->setValue(0);
    m_previewBar->show();
    m_previews->start();
}

void MainWindow::stopPreviews()
{
    if (!m_previews)
        return;
    const bool wasRunning = m_previews->isRunning();
    m_previews.reset(); // cancels and waits for the image being decoded
    m_previewBar->hide();
    if (wasRunning)
        emit previewsFinished(0, 0, true);
}

void MainWindow::onPreviewsDone(int made, int failed, bool cancelled, const QString &error)
{
    m_previewBar->hide();
    if (!error.isEmpty())
        statusBar()->showMessage(tr("Previews could not be made: %1").arg(error), 15000);
    else if (failed > 0)
        statusBar()->showMessage(tr("%n image(s) have no preview (not decodable).", nullptr,
                                    failed),
                                 15000);
    emit previewsFinished(made, failed, cancelled);
}

void MainWindow::newCase()
{
    if (m_importThread)
        return;
    auto *dialog = new NewCaseDialog(this);
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        dialog->deleteLater();
        if (result == QDialog::Accepted)
            createCase(dialog->path(), dialog->options());
    });
    dialog->open();
}

void MainWindow::createCase(const QString &path, const NewCaseOptions &options)
{
    if (QFileInfo::exists(path)) {
        showError(tr("New case"), tr("%1 already exists. Choose another name.").arg(path));
        return;
    }
    auto created = CaseFile::create(path, options);
    if (!created) {
        showError(tr("New case"), created.error().toString());
        return;
    }
    created->reset(); // reopened below like any other case
    openCase(path);
}

void MainWindow::showProperties()
{
    if (!m_case)
        return;
    auto *dialog = new CasePropertiesDialog(m_case->info(), m_casePath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::chooseCase()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open case"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        caseFileFilter());
    if (!path.isEmpty())
        openCase(path);
}

void MainWindow::chooseImport()
{
    if (!m_case)
        return;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import files"), QStandardPaths::writableLocation(QStandardPaths::HomeLocation),
        tr("All files (*)"));
    importFiles(paths);
}

void MainWindow::reload()
{
    if (!m_case) {
        m_model->clear();
        m_stats = {};
        updateStatus();
        return;
    }
    auto events = m_case->events();
    auto stats = m_case->stats();
    if (!events || !stats) {
        showError(tr("Cannot read the case"),
                  (events ? stats.error() : events.error()).toString());
        return;
    }
    m_model->setEvents(*events, m_case->info().zone);
    m_stats = *stats;
    updateStatus();
}

void MainWindow::updateStatus()
{
    if (!m_case && !m_importThread) {
        m_countsLabel->setText(tr("No case open"));
        return;
    }
    QString text = tr("%n event(s): %1 calls, %2 messages, %3 incidents", nullptr, m_stats.events)
                       .arg(m_stats.calls)
                       .arg(m_stats.messages)
                       .arg(m_stats.incidents)
                   + u" · "_s + tr("%n number(s)", nullptr, m_stats.numbers) + u" · "_s
                   + tr("%n evidence file(s)", nullptr, m_stats.evidence);
    if (!m_proxy->filterRegularExpression().pattern().isEmpty())
        text = tr("%n shown", nullptr, m_proxy->rowCount()) + u" · "_s + text;
    m_countsLabel->setText(text);
}

void MainWindow::updateActions()
{
    const bool busy = m_importThread != nullptr;
    m_ui->actionImport->setEnabled(m_case != nullptr && !busy);
    m_ui->actionNewCase->setEnabled(!busy);
    m_ui->actionOpenCase->setEnabled(!busy);
    m_ui->actionFind->setEnabled(m_case != nullptr);
    m_propertiesAction->setEnabled(m_case != nullptr && !busy);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::importFiles(const QStringList &paths)
{
    if (!m_case || m_importThread || paths.isEmpty())
        return;
    const QString casePath = m_casePath;
    stopPreviews(); // one writer at a time; the pass resumes after the import
    // CaseFile is not thread-safe and one writer at a time is simplest: the worker opens its
    // own instance and the window reopens the case when it is done.
    m_case.reset();
    m_cancel = std::make_shared<std::atomic<bool>>(false);

    m_progress = new QProgressDialog(tr("Importing…"), tr("Cancel"), 0, 1000, this);
    m_progress->setWindowTitle(tr("Import"));
    m_progress->setMinimumWidth(420);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(400);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, this, [cancel = m_cancel] { *cancel = true; });

    m_importThread = QThread::create([this, casePath, paths, cancel = m_cancel] {
        QList<Import::FileOutcome> outcomes;
        auto opened = CaseFile::open(casePath, CaseFile::Mode::ReadWrite);
        if (!opened) {
            for (const QString &path : paths)
                outcomes.append(Import::FileOutcome{path, {}, {}, opened.error()});
        } else {
            Import::RunOptions options;
            int lastFile = -1;
            int lastPermille = -1;
            options.progress = [&](int file, int files, qint64 done, qint64 total) {
                const int permille = total > 0 ? int(done * 1000 / total) : 0;
                if (file != lastFile || permille != lastPermille) {
                    lastFile = file;
                    lastPermille = permille;
                    QMetaObject::invokeMethod(
                        this, [this, file, files, done, total] {
                            onImportProgress(file, files, done, total);
                        },
                        Qt::QueuedConnection);
                }
                return !cancel->load();
            };
            outcomes = Import::importPaths(**opened, paths, options);
        }
        QMetaObject::invokeMethod(
            this, [this, outcomes] { onImportDone(outcomes); }, Qt::QueuedConnection);
    });
    connect(m_importThread, &QThread::finished, m_importThread, &QObject::deleteLater);
    updateActions();
    statusBar()->showMessage(tr("Importing %n file(s)…", nullptr, int(paths.size())));
    m_importThread->start();
}

void MainWindow::onImportProgress(int file, int files, qint64 done, qint64 total)
{
    if (!m_progress)
        return;
    m_progress->setLabelText(tr("Importing file %1 of %2…").arg(file + 1).arg(files));
    const int perFile = 1000 / std::max(files, 1);
    const int within = total > 0 ? int(done * perFile / total) : 0;
    m_progress->setValue(std::min(999, file * perFile + within));
}

void MainWindow::onImportDone(const QList<Import::FileOutcome> &outcomes)
{
    // The thread object deletes itself when its run function has returned.
    if (m_importThread)
        m_importThread->wait();
    m_importThread = nullptr;
    if (m_progress) {
        m_progress->close();
        m_progress->deleteLater();
    }
    const bool cancelled = m_cancel && m_cancel->load();
    const QString path = m_casePath;
    m_casePath.clear();
    openCase(path);

    int added = 0;
    int duplicates = 0;
    int rejectedRecords = 0;
    QStringList failures;
    for (const Import::FileOutcome &outcome : outcomes) {
        added += outcome.counts.added;
        duplicates += outcome.counts.duplicates;
        rejectedRecords += outcome.counts.rejected;
        // A cancelled file is reported in the status bar, not as a failure.
        if (outcome.error && outcome.error->code != ErrorCode::Cancelled)
            failures << QFileInfo(outcome.path).fileName() + u": "_s + outcome.error->message;
    }
    const QString summary
        = tr("%n file(s) imported", nullptr,
             int(std::count_if(outcomes.begin(), outcomes.end(),
                               [](const Import::FileOutcome &o) { return !o.error; })))
          + u": "_s
          + tr("%1 added, %2 already in the case, %3 skipped")
                .arg(added)
                .arg(duplicates)
                .arg(rejectedRecords);
    statusBar()->showMessage(cancelled ? tr("Import cancelled.") + u' ' + summary : summary, 15000);
    if (!failures.isEmpty()) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Import"),
                                    summary + u"\n\n"_s
                                        + tr("%n file(s) could not be imported:", nullptr,
                                             int(failures.size())),
                                    QMessageBox::Ok, this);
        box->setDetailedText(failures.join(u'\n'));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    updateActions();
    emit importFinished(outcomes);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_case && !m_importThread && !localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(files);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    stopPreviews();
    if (m_importThread) {
        m_cancel->store(true);
        m_importThread->wait();
    }
    event->accept();
}

} // namespace Dossier
