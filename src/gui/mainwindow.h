// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <memory>

#include <QList>
#include <QMainWindow>
#include <QPointer>

#include "casefile/casefile.h"
#include "importers/runner.h"

class QAction;
class QLabel;
class QProgressBar;
class QProgressDialog;
class QSortFilterProxyModel;
class QThread;

namespace Ui {
class MainWindow;
}

namespace Dossier {

class EventTableModel;
class AfterImportPass;

/// The main window: one open case, its events as a searchable table, import by menu or drop.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a case and shows its events; on failure shows why and returns false.
    bool openCase(const QString &path);
    /// Imports files into the open case on a worker thread (its own CaseFile).
    void importFiles(const QStringList &paths);
    bool isImporting() const { return m_importThread != nullptr; }
    /// Previews of imported images are made in the background after an import (or on opening
    /// a case that lacks some); closing, opening another case or importing stops that.
    bool isMakingPreviews() const;

    QString casePath() const { return m_casePath; }
    EventTableModel *eventModel() const { return m_model; }
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }

signals:
    void caseOpened(const QString &path);
    void importFinished(const QList<Dossier::Import::FileOutcome> &outcomes);
    void previewsFinished(int made, int failed, bool cancelled);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void newCase();
    void createCase(const QString &path, const NewCaseOptions &options);
    void showProperties();
    void chooseCase();
    void chooseImport();
    void reload();
    void updateStatus();
    void updateActions();
    void showError(const QString &title, const QString &message);
    void onImportProgress(int file, int files, qint64 done, qint64 total);
    void onImportDone(const QList<Import::FileOutcome> &outcomes);
    void startPreviews();
    void stopPreviews();
    void onPreviewsDone(int made, int failed, bool cancelled, const QString &error);

    std::unique_ptr<Ui::MainWindow> m_ui;
    EventTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLabel *m_countsLabel = nullptr;
    QAction *m_propertiesAction = nullptr;
    std::unique_ptr<CaseFile> m_case;
    QString m_casePath;
    CaseStats m_stats;

    QThread *m_importThread = nullptr;
    QPointer<QProgressDialog> m_progress;
    std::shared_ptr<std::atomic<bool>> m_cancel;

    std::unique_ptr<AfterImportPass> m_previews;
    QProgressBar *m_previewBar = nullptr;
};

} // namespace Dossier
