// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include "importers/importer.h"

// One factory per format; each lives in the .cpp named after the format.
namespace Dossier::Import {

std::unique_ptr<Importer> makeImageImporter();             // image.cpp: png, jpeg, webp, heic
std::unique_ptr<Importer> makeRecordingImporter();         // recording.cpp: mp3 m4a amr aac wav 3gp ogg
std::unique_ptr<Importer> makeSmsBackupXmlImporter();      // smsbackupxml.cpp: SMS Backup & Restore calls/sms
std::unique_ptr<Importer> makeCallLogCsvImporter();        // calllogcsv.cpp: call logs, carrier 通话详单
std::unique_ptr<Importer> makeWhatsAppImporter();          // whatsapp.cpp: .txt and .zip
std::unique_ptr<Importer> makeTelegramJsonImporter();      // telegramjson.cpp: result.json
std::unique_ptr<Importer> makeQqTxtImporter();             // qqtxt.cpp: QQ 消息管理器 .txt
std::unique_ptr<Importer> makeWeChatCsvImporter();         // wechatcsv.cpp: MemoTrace/留痕 CSV
std::unique_ptr<Importer> makeWeChatTxtImporter();         // wechattxt.cpp: MemoTrace TXT, WechatExporter TXT
std::unique_ptr<Importer> makeIosSmsDbImporter();          // phonedb.cpp: iOS sms.db
std::unique_ptr<Importer> makeIosCallHistoryImporter();    // phonedb.cpp: iOS CallHistory.storedata
std::unique_ptr<Importer> makeAndroidSmsDbImporter();      // phonedb.cpp: Android mmssms.db
std::unique_ptr<Importer> makeAndroidCallLogDbImporter();  // phonedb.cpp: Android calllog.db / contacts2.db
std::unique_ptr<Importer> makeVCardImporter();             // vcard.cpp: vCard 2.1/3.0/4.0

} // namespace Dossier::Import
