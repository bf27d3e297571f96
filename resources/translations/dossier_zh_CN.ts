<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Dossier</name>
    <message>
        <source>Upgrading %1 was cancelled after version %2; the file is consistent.</source>
        <translation>升级 %1 在版本 %2 之后被取消；文件内容仍然完整一致。</translation>
    </message>
    <message>
        <source>Cannot open the case file %1.</source>
        <translation>无法打开案件文件 %1。</translation>
    </message>
    <message>
        <source>The disk is full (or the case file reached its size limit) while writing %1.</source>
        <translation>写入 %1 时磁盘已满（或案件文件达到大小上限）。</translation>
    </message>
    <message>
        <source>The case file %1 is damaged.</source>
        <translation>案件文件 %1 已损坏。</translation>
    </message>
    <message>
        <source>%1 is not a Dossier case file.</source>
        <translation>%1 不是证据夹案件文件。</translation>
    </message>
    <message>
        <source>The case file %1 is in use by another program.</source>
        <translation>案件文件 %1 正被其他程序使用。</translation>
    </message>
    <message>
        <source>The case file %1 cannot be written.</source>
        <translation>无法写入案件文件 %1。</translation>
    </message>
    <message>
        <source>A database error occurred in %1.</source>
        <translation>%1 中发生数据库错误。</translation>
    </message>
    <message>
        <source>Could not read the data.</source>
        <translation>无法读取数据。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>The text is not valid %1.</source>
        <translation>文本不是有效的 %1 编码。</translation>
    </message>
    <message>
        <source>Unknown text encoding %1.</source>
        <translation>未知的文本编码 %1。</translation>
    </message>
    <message>
        <source>Could not read the file.</source>
        <translation>无法读取文件。</translation>
    </message>
    <message>
        <source>Line %1 is longer than %2 characters.</source>
        <translation>第 %1 行超过 %2 个字符。</translation>
    </message>
    <message>
        <source>Import of %1 was cancelled.</source>
        <translation>%1 的导入已取消。</translation>
    </message>
    <message>
        <source>%1 is not a %2 file.</source>
        <translation>%1 不是 %2 文件。</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1，第 %2 行：%3</translation>
    </message>
    <message>
        <source>The record that starts on line %1 is longer than %2 characters (is a quote not closed?).</source>
        <translation>从第 %1 行开始的记录超过 %2 个字符（是否有引号没有闭合？）。</translation>
    </message>
    <message>
        <source>QQ message manager export (.txt)</source>
        <translation>QQ 消息管理器导出（.txt）</translation>
    </message>
    <message>
        <source>QQ message manager export</source>
        <translation>QQ 消息管理器导出</translation>
    </message>
    <message>
        <source>the date or time of the message is not valid.</source>
        <translation>消息的日期或时间无效。</translation>
    </message>
    <message>
        <source>Text outside of any message was skipped.</source>
        <translation>不属于任何消息的文字已跳过。</translation>
    </message>
    <message>
        <source>SMS Backup &amp; Restore (XML)</source>
        <translation>SMS Backup &amp; Restore 备份（XML）</translation>
    </message>
    <message>
        <source>WeChat chat export by MemoTrace (.csv)</source>
        <translation>留痕（MemoTrace）导出的微信聊天记录（.csv）</translation>
    </message>
    <message>
        <source>MemoTrace WeChat CSV</source>
        <translation>留痕微信 CSV</translation>
    </message>
    <message>
        <source>the record is too long.</source>
        <translation>记录过长。</translation>
    </message>
    <message>
        <source>The file ends inside a quoted field.</source>
        <translation>文件在引号字段中间结束。</translation>
    </message>
    <message>
        <source>The row has too few fields.</source>
        <translation>这一行的字段太少。</translation>
    </message>
    <message>
        <source>The message type is not a number.</source>
        <translation>消息类型不是数字。</translation>
    </message>
    <message>
        <source>the message time is not valid.</source>
        <translation>消息时间无效。</translation>
    </message>
    <message>
        <source>WeChat chat export (.txt)</source>
        <translation>微信聊天记录导出（.txt）</translation>
    </message>
    <message>
        <source>WeChat chat TXT export</source>
        <translation>微信聊天 TXT 导出</translation>
    </message>
    <message>
        <source>A system notice without a time was skipped.</source>
        <translation>没有时间的系统提示已跳过。</translation>
    </message>
    <message>
        <source>The case file %1 is damaged: its metadata is incomplete.</source>
        <translation>案件文件 %1 已损坏：其元数据不完整。</translation>
    </message>
    <message>
        <source>The case file %1 does not exist.</source>
        <translation>案件文件 %1 不存在。</translation>
    </message>
    <message>
        <source>Cannot read the case file %1.</source>
        <translation>无法读取案件文件 %1。</translation>
    </message>
    <message>
        <source>The case file %1 is damaged or truncated.</source>
        <translation>案件文件 %1 已损坏或不完整（被截断）。</translation>
    </message>
    <message>
        <source>There is no evidence %1 in %2.</source>
        <translation>%2 中没有证据 %1。</translation>
    </message>
    <message>
        <source>Upgrading %1 to version %2 left a broken reference; nothing was changed.</source>
        <translation>将 %1 升级到版本 %2 会留下断开的引用；没有做任何更改。</translation>
    </message>
    <message>
        <source>Evidence %1 in %2 is too large for this.</source>
        <translation>%2 中的证据 %1 太大，无法进行此操作。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Evidence %1 in %2 no longer matches its SHA-256; run verify.</source>
        <translation>%2 中的证据 %1 与其 SHA-256 不再一致；请运行校验。</translation>
    </message>
    <message>
        <source>contact number %1</source>
        <translation>联系人号码 %1</translation>
    </message>
    <message>
        <source>contact %1</source>
        <translation>联系人 %1</translation>
    </message>
    <message>
        <source>event attachment %1</source>
        <translation>事件附件 %1</translation>
    </message>
    <message>
        <source>event contact %1</source>
        <translation>事件联系人 %1</translation>
    </message>
    <message>
        <source>event number %1</source>
        <translation>事件号码 %1</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>tag link %1</source>
        <translation>标签关联 %1</translation>
    </message>
    <message>
        <source>note %1</source>
        <translation>备注 %1</translation>
    </message>
    <message>
        <source>raw number form %1</source>
        <translation>号码原始写法 %1</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>号码 %1</translation>
    </message>
    <message>
        <source>pending recording %1</source>
        <translation>待关联录音 %1</translation>
    </message>
    <message>
        <source>platform %1</source>
        <translation>平台 %1</translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>evidence %1</source>
        <translation>证据 %1</translation>
    </message>
<message>
        <source>%1 already exists; a new case needs a new file name.</source>
        <translation>%1 已存在；新案件需要一个新的文件名。</translation>
    </message>
    <message>
        <source>Cannot create the case file %1.</source>
        <translation>无法创建案件文件 %1。</translation>
    </message>
    <message>
        <source>The case file %1 is damaged: it has no schema version.</source>
        <translation>案件文件 %1 已损坏：缺少格式版本。</translation>
    </message>
    <message>
        <source>%1 was written by a newer Dossier. Opening it needs a Dossier that reads case file version %2; this one reads up to version %3.</source>
        <translation>%1 由较新版本的证据夹写入。打开它需要能读取案件文件版本 %2 的证据夹；当前版本最高只能读取版本 %3。</translation>
    </message>
    <message>
        <source>The case file %1 uses an older format; open it for writing once so Dossier can upgrade it.</source>
        <translation>案件文件 %1 使用较旧的格式；请以可写方式打开一次，以便证据夹升级它。</translation>
    </message>
    <message>
        <source>Unknown incident type "%1"; use one of: %2.</source>
        <translation>未知的事件类型“%1”；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>The incident could not be stored.</source>
        <translation>无法保存这条记录。</translation>
    </message>
    <message>
        <source>There is no event %1 in the case.</source>
        <translation>案件中没有事件 %1。</translation>
    </message>
    <message>
        <source>A tag needs a name.</source>
        <translation>标签需要一个名称。</translation>
    </message>
    <message>
        <source>case file structure</source>
        <translation>案件文件结构</translation>
    </message>
    <message>
        <source>evidence %1 (%2)</source>
        <translation>证据 %1（%2）</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>校验已取消。</translation>
    </message>
    <message>
        <source>stored chunks are missing or out of order (%1 of %2 present)</source>
        <translation>保存的数据块缺失或顺序错乱（%2 块中只有 %1 块）</translation>
    </message>
    <message>
        <source>stored bytes are %1 long but the record says %2</source>
        <translation>保存的数据长 %1 字节，但记录为 %2 字节</translation>
    </message>
    <message>
        <source>stored bytes hash to %1 but the record says %2</source>
        <translation>保存的数据哈希为 %1，但记录为 %2</translation>
    </message>
    <message>
        <source>stored bytes exist but the evidence record is missing</source>
        <translation>保存的数据存在，但证据记录缺失</translation>
    </message>
    <message>
        <source>its content does not match its recorded digest (it was changed after it was written)</source>
        <translation>其内容与记录的摘要不一致（写入后被改动过）</translation>
    </message>
    <message>
        <source>it claims audit entry %1, which does not exist</source>
        <translation>它声称属于审计记录 %1，但该记录不存在</translation>
    </message>
    <message>
        <source>it points at number %1, which is not in the case</source>
        <translation>它指向号码 %1，而案卷中没有该号码</translation>
    </message>
    <message>
        <source>it points at evidence %1, which is not in the case</source>
        <translation>它指向证据 %1，而案卷中没有该证据</translation>
    </message>
    <message>
        <source>it points at platform %1, which is not in the case</source>
        <translation>它指向平台 %1，而案卷中没有该平台</translation>
    </message>
    <message>
        <source>%1 row %2</source>
        <translation>%1 第 %2 行</translation>
    </message>
    <message>
        <source>it points at a row of %1 that is not in the case</source>
        <translation>它指向 %1 中不存在的一行</translation>
    </message>
    <message>
        <source>audit entry %1</source>
        <translation>审计记录 %1</translation>
    </message>
    <message>
        <source>audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>entries %1 to %2 are missing</source>
        <translation>缺少第 %1 至第 %2 条记录</translation>
    </message>
    <message>
        <source>its content does not match its hash</source>
        <translation>其内容与其哈希不一致</translation>
    </message>
    <message>
        <source>it does not continue the chain (previous hash %1, expected %2)</source>
        <translation>它没有接续哈希链（上一哈希为 %1，应为 %2）</translation>
    </message>
    <message>
        <source>the rows it recorded were changed, added or deleted</source>
        <translation>它所记录的数据行被改动、增加或删除过</translation>
    </message>
    <message>
        <source>the log ends at entry %1 but the case file recorded entry %2 as its last (entries were removed)</source>
        <translation>日志止于第 %1 条，但案件文件记录的最后一条是第 %2 条（有记录被删除）</translation>
    </message>
    <message>
        <source>case metadata</source>
        <translation>案件元数据</translation>
    </message>
    <message>
        <source>the case id differs from the one recorded at creation</source>
        <translation>案件编号与创建时记录的不一致</translation>
    </message>
    <message>
        <source>the time zone differs from the one recorded at creation</source>
        <translation>时区与创建时记录的不一致</translation>
    </message>
    <message>
        <source>case file</source>
        <translation>案件文件</translation>
    </message>
<message>
        <source>The import of %1 is already finished.</source>
        <translation>%1 的导入已经结束。</translation>
    </message>
    <message>
        <source>Importing %1 failed.</source>
        <translation>导入 %1 失败。</translation>
    </message>
    <message>
        <source>a contact without a name or number</source>
        <translation>没有姓名也没有号码的联系人</translation>
    </message>
<message>
        <source>The case file %1 was opened read-only.</source>
        <translation>案件文件 %1 以只读方式打开。</translation>
    </message>
    <message>
        <source>An import into %1 is still open; finish it first.</source>
        <translation>%1 中还有未完成的导入，请先完成它。</translation>
    </message>
    <message>
        <source>An event would point at something that is not in the case; nothing was changed.</source>
        <translation>有事件会指向案卷中不存在的记录；未做任何更改。</translation>
    </message>
    <message>
        <source>Cannot read %1; nothing was added to the case.</source>
        <translation>无法读取 %1；案件中没有添加任何内容。</translation>
    </message>
    <message>
        <source>Adding %1 was cancelled; the case is unchanged.</source>
        <translation>已取消添加 %1；案件没有任何改变。</translation>
    </message>
    <message>
        <source>The copy of %1 stored in the case does not match the original; nothing was added.</source>
        <translation>案件中保存的 %1 副本与原件不一致；没有添加任何内容。</translation>
    </message>
    <message>
        <source>Cannot read the file %1; nothing was added to the case.</source>
        <translation>无法读取文件 %1；案件中没有添加任何内容。</translation>
    </message>
    <message>
        <source>%1 changed while it was being imported; nothing was added.</source>
        <translation>%1 在导入过程中被改动；未添加任何内容。</translation>
    </message>
    <message>
        <source>The file %1 does not exist; nothing was added to the case.</source>
        <translation>文件 %1 不存在；案件中没有添加任何内容。</translation>
    </message>
    <message>
        <source>Cannot add %1 to the case: %2 Nothing was added.</source>
        <translation>无法把 %1 添加到案件：%2 没有添加任何内容。</translation>
    </message>
    <message>
        <source>Event %1 names an attachment that is not in the case.</source>
        <translation>事件 %1 引用的附件不在案件中。</translation>
    </message>
<message>
        <source>No preview can be made of this image.</source>
        <translation>无法为这张图片生成预览。</translation>
    </message>
    <message>
        <source>Recordings cannot be read: FFmpeg's %1 is not installed.</source>
        <translation>无法读取通话录音：未安装 FFmpeg 的 %1。</translation>
    </message>
    <message>
        <source>Recordings cannot be read: FFmpeg's %1 lacks %2.</source>
        <translation>无法读取通话录音：FFmpeg 的 %1 缺少 %2。</translation>
    </message>
    <message>
        <source>%1 is not a readable audio recording (MP3, M4A, AMR, AAC, WAV, 3GP, OGG or Opus).</source>
        <translation>%1 不是可读取的录音文件（MP3、M4A、AMR、AAC、WAV、3GP、OGG 或 Opus）。</translation>
    </message>
    <message>
        <source>Unknown format "%1"; formats: %2.</source>
        <translation>未知格式“%1”；支持的格式：%2。</translation>
    </message>
    <message>
        <source>%1 was not imported: the import was cancelled.</source>
        <translation>%1 未导入：导入已取消。</translation>
    </message>
    <message>
        <source>%1 is not a file Dossier can import; formats: %2.</source>
        <translation>%1 不是证据夹能导入的文件；支持的格式：%2。</translation>
    </message>
    <message>
        <source>Importing %1 failed unexpectedly.</source>
        <translation>导入 %1 时意外失败。</translation>
    </message>
    <message>
        <source>Importing %1 was cancelled; nothing from it was kept.</source>
        <translation>%1 的导入已取消；其中的内容均未保留。</translation>
    </message>
<message>
        <source>Call log or carrier call detail (通话详单) as CSV</source>
        <translation>通话记录或运营商通话详单（CSV）</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 是空文件。</translation>
    </message>
    <message>
        <source>%1 is not a call log: no header row with a time and a number column was found in its first %2 rows.</source>
        <translation>%1 不是通话记录：前 %2 行中没有找到包含时间列和号码列的表头。</translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>%1, row %2 (line %3): %4</source>
        <translation>%1，第 %2 条记录（第 %3 行）：%4</translation>
    </message>
    <message>
        <source>summary row (合计/小计), not a call</source>
        <translation>合计/小计行，不是通话</translation>
    </message>
    <message>
        <source>repeated header row</source>
        <translation>重复的表头行</translation>
    </message>
    <message>
        <source>no time and no number: not a call record</source>
        <translation>没有时间也没有号码：不是通话记录</translation>
    </message>
    <message>
        <source>"%1" is not a date and time this importer can read.</source>
        <translation>“%1”不是能识别的日期时间。</translation>
    </message>
<message>
        <source>%1 is not a WhatsApp chat export: its first line is not a message header.</source>
        <translation>%1 不是 WhatsApp 聊天导出：第一行不是消息开头。</translation>
    </message>
    <message>
        <source>%1 is not a WhatsApp chat export: the file is empty.</source>
        <translation>%1 不是 WhatsApp 聊天导出：文件是空的。</translation>
    </message>
    <message>
        <source>%1: cannot read %2 from the archive.</source>
        <translation>%1：无法从压缩包中读取 %2。</translation>
    </message>
    <message>
        <source>"%1" is not a valid time.</source>
        <translation>“%1”不是有效的时间。</translation>
    </message>
    <message>
        <source>"%1" is not a valid date.</source>
        <translation>“%1”不是有效的日期。</translation>
    </message>
    <message>
        <source>the message that starts on line %1 is too long.</source>
        <translation>从第 %1 行开始的消息过长。</translation>
    </message>
<message>
        <source>Screenshots and photos</source>
        <translation>截图和照片</translation>
    </message>
    <message>
        <source>%1 is not a readable image (PNG, JPEG, WebP or HEIC).</source>
        <translation>%1 不是可读取的图片（PNG、JPEG、WebP 或 HEIC）。</translation>
    </message>
    <message>
        <source>Import of %1 cancelled.</source>
        <translation>%1 的导入已取消。</translation>
    </message>
<message>
        <source>%1 ends in the middle of the XML (line %2, after record %3): the backup is truncated.</source>
        <translation>%1 在 XML 中间结束（第 %2 行，第 %3 条记录之后）：备份文件不完整。</translation>
    </message>
    <message>
        <source>%1 is not well-formed XML at line %2 (after record %3).</source>
        <translation>%1 第 %2 行（第 %3 条记录之后）不是格式正确的 XML。</translation>
    </message>
    <message>
        <source>%1 declares XML entities (line %2). SMS Backup &amp; Restore never does; the file is refused rather than expanded.</source>
        <translation>%1 声明了 XML 实体（第 %2 行）。SMS Backup &amp; Restore 从不这样做；为安全起见拒绝此文件。</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 contains no XML elements.</source>
        <translation>%1 不含任何 XML 元素。</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>%1 is not an SMS Backup &amp; Restore backup: its root element is &lt;%2&gt;, expected &lt;calls&gt; or &lt;smses&gt;.</source>
        <translation>%1 不是 SMS Backup &amp; Restore 备份：根元素是 &lt;%2&gt;，应为 &lt;calls&gt; 或 &lt;smses&gt;。</translation>
    </message>
    <message>
        <source>the call has no valid date (%1)</source>
        <translation>通话没有有效日期（%1）</translation>
    </message>
    <message>
        <source>the message has no valid date (%1)</source>
        <translation>消息没有有效日期（%1）</translation>
    </message>
    <message>
        <source>an MMS part (%1) has damaged base64 data and was skipped</source>
        <translation>彩信附件（%1）的 base64 数据已损坏，已跳过</translation>
    </message>
    <message>
        <source>%1 is not valid JSON at line %2 (after message %3).</source>
        <translation>%1 第 %2 行（第 %3 条消息之后）不是有效的 JSON。</translation>
    </message>
    <message>
        <source>%1 is not a Telegram export: it does not start with a JSON object.</source>
        <translation>%1 不是 Telegram 导出：开头不是 JSON 对象。</translation>
    </message>
    <message>
        <source>%1 has data after the end of the JSON document (line %2).</source>
        <translation>%1 在 JSON 文档结束后还有数据（第 %2 行）。</translation>
    </message>
    <message>
        <source>%1 is JSON but not a Telegram Desktop export: it has no "messages" and no "chats" list.</source>
        <translation>%1 是 JSON，但不是 Telegram 桌面版导出：没有“messages”或“chats”列表。</translation>
    </message>
    <message>
        <source>the contact has no name and no number</source>
        <translation>该联系人没有姓名也没有号码</translation>
    </message>
    <message>
        <source>not a JSON object: %1</source>
        <translation>不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>the message has no readable date</source>
        <translation>消息没有可识别的日期</translation>
    </message>
<message>
        <source>iPhone messages database (sms.db)</source>
        <translation>iPhone 短信数据库（sms.db）</translation>
    </message>
    <message>
        <source>iPhone call history (CallHistory.storedata)</source>
        <translation>iPhone 通话记录（CallHistory.storedata）</translation>
    </message>
    <message>
        <source>Android messages database (mmssms.db)</source>
        <translation>安卓短信数据库（mmssms.db）</translation>
    </message>
    <message>
        <source>Android call log database (calllog.db, contacts2.db)</source>
        <translation>安卓通话记录数据库（calllog.db、contacts2.db）</translation>
    </message>
    <message>
        <source>%1 is not a file on disk.</source>
        <translation>%1 不是磁盘上的文件。</translation>
    </message>
    <message>
        <source>a write-ahead log lies beside the database but could not be copied; its newest changes are not read</source>
        <translation>数据库旁有预写日志（WAL），但无法复制；其中最新的改动未被读取</translation>
    </message>
    <message>
        <source>%1 could not be opened as an SQLite database.</source>
        <translation>%1 无法作为 SQLite 数据库打开。</translation>
    </message>
    <message>
        <source>%1 is not a readable SQLite database (no tables).</source>
        <translation>%1 不是可读取的 SQLite 数据库（没有数据表）。</translation>
    </message>
    <message>
        <source>%1 has no table "%2"; it is not this kind of phone database.</source>
        <translation>%1 没有数据表“%2”；不是这种手机数据库。</translation>
    </message>
    <message>
        <source>%1 could not be read.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
<message>
        <source>Call recordings</source>
        <translation>通话录音</translation>
    </message>
    <message>
        <source>%1 was not imported. %2</source>
        <translation>%1 未导入。%2</translation>
    </message>
    <message>
        <source>Telegram Desktop export (result.json)</source>
        <translation>Telegram 桌面版导出（result.json）</translation>
    </message>
<message>
        <source>vCard address book (.vcf)</source>
        <translation>vCard 通讯录（.vcf）</translation>
    </message>
    <message>
        <source>%1 is larger than 512 MiB; that is not an address book.</source>
        <translation>%1 大于 512 MiB，不是通讯录。</translation>
    </message>
    <message>
        <source>the card has no name, number or e-mail</source>
        <translation>此联系人没有姓名、号码或邮箱</translation>
    </message>
    <message>
        <source>%1 contains no vCard (no BEGIN:VCARD line).</source>
        <translation>%1 不含任何 vCard（没有 BEGIN:VCARD 行）。</translation>
    </message>
<message>
        <source>WhatsApp chat export (.txt, .zip)</source>
        <translation>WhatsApp 聊天导出（.txt、.zip）</translation>
    </message>
    <message>
        <source>%1 cannot be read twice (needed to infer the date order).</source>
        <translation>%1 无法读取两次（推断日期顺序需要读两遍）。</translation>
    </message>
    <message>
        <source>%1 is not a readable zip archive.</source>
        <translation>%1 不是可读取的 zip 压缩包。</translation>
    </message>
    <message>
        <source>%1 is not a WhatsApp chat export: the archive holds no _chat.txt or other chat text file.</source>
        <translation>%1 不是 WhatsApp 聊天导出：压缩包中没有 _chat.txt 或其他聊天文本文件。</translation>
    </message>
    </context>
<context>
    <name>Dossier::CasePropertiesDialog</name>
    <message>
        <source>Case &amp;properties…</source>
        <translation>案件属性(&amp;P)…</translation>
    </message>
    <message>
        <source>Case properties</source>
        <translation>案件属性</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between several values</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>时区：</translation>
    </message>
    <message>
        <source>Created with Dossier:</source>
        <translation>创建时的证据夹版本：</translation>
    </message>
    <message>
        <source>About you</source>
        <translation>关于您</translation>
    </message>
    <message>
        <source>Your phone numbers:</source>
        <translation>您的手机号码：</translation>
    </message>
    <message>
        <source>Your QQ numbers:</source>
        <translation>您的 QQ 号：</translation>
    </message>
    <message>
        <source>Your WeChat names:</source>
        <translation>您的微信名：</translation>
    </message>
    <message>
        <source>Other names you use in chats:</source>
        <translation>聊天中用的其他名字：</translation>
    </message>
    <message>
        <source>These were set when the case was created and cannot be changed. They apply to future imports: messages from these numbers and names are marked as sent by you. Messages already in the case are not changed.</source>
        <translation>这些信息在新建案件时设定，之后无法更改。它们用于以后的导入：来自这些号码和名字的消息会标记为您发出的。案件里已有的消息不会改变。</translation>
    </message>
    <message>
        <source>No numbers or names of yours were given, so all imported chat messages are shown as received.</source>
        <translation>新建案件时没有填写您的号码或名字，所以导入的聊天消息都显示为收到的消息。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Dossier::EventTableModel</name>
    <message>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Incident: call</source>
        <translation>记录：来电</translation>
    </message>
    <message>
        <source>Incident: SMS</source>
        <translation>记录：短信</translation>
    </message>
    <message>
        <source>Incident: chat</source>
        <translation>记录：聊天</translation>
    </message>
    <message>
        <source>Incident: visit</source>
        <translation>记录：上门</translation>
    </message>
    <message>
        <source>Incident: contacts reached</source>
        <translation>记录：骚扰亲友</translation>
    </message>
    <message>
        <source>Incident: threat</source>
        <translation>记录：威胁</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>手动记录</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>MMS</source>
        <translation>彩信</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>QQ</source>
        <translation>QQ</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>去电</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未接</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒接</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已拦截</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Evidence %1, %2</source>
        <translation>证据 %1，%2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Counterpart</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发出</translation>
    </message>
</context>
<context>
    <name>Dossier::MainWindow</name>
    <message>
        <source>Dossier case (*.dossier)</source>
        <translation>证据夹案件 (*.dossier)</translation>
    </message>
    <message>
        <source>Dossier 证据夹</source>
        <translation>证据夹 Dossier</translation>
    </message>
    <message>
        <source>Cannot open the case</source>
        <translation>无法打开案件</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 — Dossier 证据夹</source>
        <translation>%1 — 证据夹</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>%1 already exists. Choose another name.</source>
        <translation>%1 已存在，请换一个名字。</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read the case</source>
        <translation>无法读取案件</translation>
    </message>
    <message>
        <source>No case open</source>
        <translation>未打开案件</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s): %1 calls, %2 messages, %3 incidents</source>
        <translation>
            <numerusform>%n 条事件：通话 %1，消息 %2，手动记录 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n number(s)</source>
        <translation>
            <numerusform>%n 个号码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evidence file(s)</source>
        <translation>
            <numerusform>%n 个证据文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>显示 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>正在导入 %n 个文件…</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing file %1 of %2…</source>
        <translation>正在导入第 %1 个文件（共 %2 个）…</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) imported</source>
        <translation>
            <numerusform>已导入 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added, %2 already in the case, %3 skipped</source>
        <translation>新增 %1 条，已存在 %2 条，跳过 %3 条</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be imported:</source>
        <translation>
            <numerusform>%n 个文件无法导入：</numerusform>
        </translation>
    </message>
    <message>
        <source>Previews %v of %m</source>
        <translation>预览 %v / %m</translation>
    </message>
    <message>
        <source>Making previews of the imported images</source>
        <translation>正在为导入的图片生成预览</translation>
    </message>
    <message>
        <source>Previews could not be made: %1</source>
        <translation>无法生成预览：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) have no preview (not decodable).</source>
        <translation>
            <numerusform>%n 张图片无法生成预览（无法解码）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>For example: Debt collection harassment</source>
        <translation>例如：网贷暴力催收</translation>
    </message>
    <message>
        <source>Debt collection evidence %1</source>
        <translation>催收证据 %1</translation>
    </message>
    <message>
        <source>Where the case file is saved</source>
        <translation>案件文件保存的位置</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Times without a zone in imported files are read in this time zone.</source>
        <translation>导入的文件中没有标明时区的时间，按这个时区理解。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Case &amp;title:</source>
        <translation>案件标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>保存为(&amp;S)：</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>时区(&amp;Z)：</translation>
    </message>
    <message>
        <source>About you (so Dossier can tell your own messages from the collectors')</source>
        <translation>关于您（让证据夹分清哪些消息是您发的，哪些是催收方发的）</translation>
    </message>
    <message>
        <source>For example: 13800138000, 17012345678</source>
        <translation>例如：13800138000，17012345678</translation>
    </message>
    <message>
        <source>For example: 12345678</source>
        <translation>例如：12345678</translation>
    </message>
    <message>
        <source>Your name as it appears in WeChat chats</source>
        <translation>您在微信聊天中显示的名字</translation>
    </message>
    <message>
        <source>For example: your WhatsApp or QQ nickname</source>
        <translation>例如：您的 WhatsApp 名字或 QQ 昵称</translation>
    </message>
    <message>
        <source>Your &amp;phone numbers:</source>
        <translation>您的手机号码(&amp;P)：</translation>
    </message>
    <message>
        <source>Your &amp;QQ numbers:</source>
        <translation>您的 QQ 号(&amp;Q)：</translation>
    </message>
    <message>
        <source>Your &amp;WeChat names:</source>
        <translation>您的微信名(&amp;W)：</translation>
    </message>
    <message>
        <source>Other &amp;names you use in chats:</source>
        <translation>聊天中用的其他名字(&amp;N)：</translation>
    </message>
    <message>
        <source>Dossier uses these when importing chat exports: messages from these numbers and names are marked as sent by you. Separate several with commas. You can leave them empty, but they cannot be added or changed after the case is created.</source>
        <translation>导入聊天记录时，证据夹会把来自这些号码和名字的消息标记为您发出的。多个请用逗号隔开。可以不填，但案件新建后就不能再添加或修改。</translation>
    </message>
    <message>
        <source>&amp;Create case</source>
        <translation>新建案件(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Give the case a title.</source>
        <translation>请给案件起个标题。</translation>
    </message>
    <message>
        <source>Choose where to save the case file.</source>
        <translation>请选择案件文件保存的位置。</translation>
    </message>
    <message>
        <source>%1 is a folder. Choose a file name.</source>
        <translation>%1 是一个文件夹，请换一个文件名。</translation>
    </message>
    <message>
        <source>%1 already exists. Choose another name, or use Open case to open it.</source>
        <translation>%1 已存在。请换一个名字，或者用“打开案件”打开它。</translation>
    </message>
    <message>
        <source>Save the case as</source>
        <translation>案件保存为</translation>
    </message>
    <message>
        <source>Dossier case (*.dossier)</source>
        <translation>证据夹案件 (*.dossier)</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created. Choose another place.</source>
        <translation>无法创建文件夹 %1，请换一个位置。</translation>
    </message>
</context>
<context>
    <name>DossierCli</name>
    <message>
        <source>missing the case file argument</source>
        <translation>缺少案件文件参数</translation>
    </message>
    <message>
        <source>missing arguments after the case file</source>
        <translation>案件文件后面缺少参数</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>The case file (.dossier).</source>
        <translation>案件文件（.dossier）。</translation>
    </message>
    <message>
        <source>case file not found: %1</source>
        <translation>找不到案件文件：%1</translation>
    </message>
    <message>
        <source>%1 is not a Dossier case file (it is a folder)</source>
        <translation>%1 不是证据夹案件文件（它是一个文件夹）</translation>
    </message>
    <message>
        <source>cannot open case %1: %2</source>
        <translation>无法打开案件 %1：%2</translation>
    </message>
    <message>
        <source>Create a new case file</source>
        <translation>新建案件文件</translation>
    </message>
    <message>
        <source>Store files in the case as evidence, byte for byte</source>
        <translation>把文件原样存入案件作为证据</translation>
    </message>
    <message>
        <source>Import call logs, SMS, chats, contacts, screenshots, recordings</source>
        <translation>导入通话记录、短信、聊天记录、通讯录、截图、录音</translation>
    </message>
    <message>
        <source>Log an incident by hand (a call, a visit, a threat ...)</source>
        <translation>手动记录一次事件（来电、上门、威胁……）</translation>
    </message>
    <message>
        <source>List events (calls, messages, incidents)</source>
        <translation>列出事件（通话、消息、手动记录）</translation>
    </message>
    <message>
        <source>List the phone numbers seen in the case</source>
        <translation>列出案件中出现的电话号码</translation>
    </message>
    <message>
        <source>Show counts: events, calls, messages, per day</source>
        <translation>显示统计：事件、通话、消息、每日数量</translation>
    </message>
    <message>
        <source>Check that nothing in the case was changed</source>
        <translation>检查案件内容是否被改动</translation>
    </message>
    <message>
        <source>Collection-rule flags (not available yet in this version)</source>
        <translation>催收违规提示（此版本尚不可用）</translation>
    </message>
    <message>
        <source>PDF evidence packet (not available yet in this version)</source>
        <translation>PDF 证据材料（此版本尚不可用）</translation>
    </message>
    <message>
        <source>Hand-off bundle for a lawyer (not available yet in this version)</source>
        <translation>交给律师的案件包（此版本尚不可用）</translation>
    </message>
    <message>
        <source>Create a new case file.</source>
        <translation>新建案件文件。</translation>
    </message>
    <message>
        <source>The case file to create (.dossier).</source>
        <translation>要新建的案件文件（.dossier）。</translation>
    </message>
    <message>
        <source>Title of the case.</source>
        <translation>案件标题。</translation>
    </message>
    <message>
        <source>Time zone of the case (default Asia/Shanghai).</source>
        <translation>案件时区（默认 Asia/Shanghai）。</translation>
    </message>
    <message>
        <source>One of your own phone numbers (repeatable).</source>
        <translation>您本人的手机号（可重复）。</translation>
    </message>
    <message>
        <source>Your own QQ number (repeatable).</source>
        <translation>您本人的 QQ 号（可重复）。</translation>
    </message>
    <message>
        <source>Your own WeChat name (repeatable).</source>
        <translation>您本人的微信名（可重复）。</translation>
    </message>
    <message>
        <source>Another name you appear under in chats (repeatable).</source>
        <translation>您在聊天中使用的其他名字（可重复）。</translation>
    </message>
    <message>
        <source>unknown time zone: %1</source>
        <translation>未知时区：%1</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name</source>
        <translation>%1 已存在，请换一个名字</translation>
    </message>
    <message>
        <source>Created case %1 (time zone %2)</source>
        <translation>已新建案件 %1（时区 %2）</translation>
    </message>
    <message>
        <source>Store files in the case as evidence, byte for byte.</source>
        <translation>把文件原样存入案件作为证据。</translation>
    </message>
    <message>
        <source>Files to store.</source>
        <translation>要存入的文件。</translation>
    </message>
    <message>
        <source>Print a JSON array on stdout.</source>
        <translation>在标准输出打印 JSON 数组。</translation>
    </message>
    <message>
        <source>file not found: %1</source>
        <translation>找不到文件：%1</translation>
    </message>
    <message>
        <source>Import files and folders (call logs, SMS, chat exports, contacts, screenshots, recordings). Each file lands whole or not at all.</source>
        <translation>导入文件和文件夹（通话记录、短信、聊天导出、通讯录、截图、录音）。每个文件要么完整导入，要么完全不导入。</translation>
    </message>
    <message>
        <source>Files or folders to import.</source>
        <translation>要导入的文件或文件夹。</translation>
    </message>
    <message>
        <source>Read every file as this format instead of detecting it.</source>
        <translation>按此格式读取所有文件，而不自动识别。</translation>
    </message>
    <message>
        <source>Lender or collection agency these records concern.</source>
        <translation>这些记录涉及的借贷平台或催收机构。</translation>
    </message>
    <message>
        <source>unknown format: %1 (known formats: %2)</source>
        <translation>未知格式：%1（支持的格式：%2）</translation>
    </message>
    <message>
        <source>Importing file %1 of %2: %3%</source>
        <translation>正在导入第 %1 个文件（共 %2 个）：%3%</translation>
    </message>
    <message>
        <source>%1: %2, %3 added, %4 duplicates, %5 rejected</source>
        <translation>%1：%2，新增 %3 条，重复 %4 条，跳过 %5 条</translation>
    </message>
    <message>
        <source>nothing to import in %1</source>
        <translation>%1 中没有可导入的内容</translation>
    </message>
    <message>
        <source>Log an incident by hand. Prints the new event id.</source>
        <translation>手动记录一次事件，并打印新事件的编号。</translation>
    </message>
    <message>
        <source>When it happened: "YYYY-MM-DD HH:MM[:SS]" in the case time zone.</source>
        <translation>发生时间：“YYYY-MM-DD HH:MM[:SS]”，按案件时区。</translation>
    </message>
    <message>
        <source>What happened: %1.</source>
        <translation>事件类型：%1。</translation>
    </message>
    <message>
        <source>A phone number involved (repeatable).</source>
        <translation>涉及的电话号码（可重复）。</translation>
    </message>
    <message>
        <source>One of your contacts who was reached, by name (repeatable).</source>
        <translation>被联系到的您的联系人姓名（可重复）。</translation>
    </message>
    <message>
        <source>Lender or collection agency.</source>
        <translation>借贷平台或催收机构。</translation>
    </message>
    <message>
        <source>What was said or done.</source>
        <translation>对方说了什么或做了什么。</translation>
    </message>
    <message>
        <source>A file to store and link to the incident (repeatable).</source>
        <translation>存入并关联到此事件的文件（可重复）。</translation>
    </message>
    <message>
        <source>--at is required</source>
        <translation>必须提供 --at</translation>
    </message>
    <message>
        <source>--kind is required</source>
        <translation>必须提供 --kind</translation>
    </message>
    <message>
        <source>invalid --kind: %1 (expected one of: %2)</source>
        <translation>无效的 --kind：%1（应为以下之一：%2）</translation>
    </message>
    <message>
        <source>invalid --at time: %1 (expected YYYY-MM-DD HH:MM[:SS])</source>
        <translation>无效的 --at 时间：%1（格式应为 YYYY-MM-DD HH:MM[:SS]）</translation>
    </message>
    <message>
        <source>attachment not found: %1</source>
        <translation>找不到附件：%1</translation>
    </message>
    <message>
        <source>List events (calls, messages, incidents), oldest first.</source>
        <translation>列出事件（通话、消息、手动记录），按时间从早到晚。</translation>
    </message>
    <message>
        <source>From this day or time (YYYY-MM-DD [HH:MM[:SS]]), inclusive.</source>
        <translation>从此日期或时间开始（YYYY-MM-DD [HH:MM[:SS]]），包含该时刻。</translation>
    </message>
    <message>
        <source>Up to this day or time, inclusive (a date means the whole day).</source>
        <translation>到此日期或时间为止，包含在内（只写日期表示包含当天全天）。</translation>
    </message>
    <message>
        <source>Only events with this number (any formatting).</source>
        <translation>只显示含此号码的事件（任意写法均可）。</translation>
    </message>
    <message>
        <source>Only this channel: phone, sms, mms, wechat, qq, whatsapp, telegram, other.</source>
        <translation>只显示此渠道：phone、sms、mms、wechat、qq、whatsapp、telegram、other。</translation>
    </message>
    <message>
        <source>Only events whose text contains this.</source>
        <translation>只显示内容包含此文字的事件。</translation>
    </message>
    <message>
        <source>At most this many events.</source>
        <translation>最多显示这么多条事件。</translation>
    </message>
    <message>
        <source>invalid --channel: %1</source>
        <translation>无效的 --channel：%1</translation>
    </message>
    <message>
        <source>invalid --limit: %1</source>
        <translation>无效的 --limit：%1</translation>
    </message>
    <message>
        <source>invalid --%1 time: %2 (expected YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS])</source>
        <translation>无效的 --%1 时间：%2（格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM[:SS]）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>List the phone numbers seen in the case, busiest first.</source>
        <translation>列出案件中出现的电话号码，次数多的在前。</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 条事件</numerusform>
        </translation>
    </message>
    <message>
        <source>Show counts: events, calls, messages, incidents, per day.</source>
        <translation>显示统计：事件、通话、消息、手动记录、每日数量。</translation>
    </message>
    <message>
        <source>Print a JSON object on stdout.</source>
        <translation>在标准输出打印 JSON 对象。</translation>
    </message>
    <message>
        <source>Events: %1 (calls %2, messages %3, incidents %4)</source>
        <translation>事件：%1（通话 %2，消息 %3，手动记录 %4）</translation>
    </message>
    <message>
        <source>Numbers: %1</source>
        <translation>号码：%1</translation>
    </message>
    <message>
        <source>Evidence files: %1</source>
        <translation>证据文件：%1</translation>
    </message>
    <message>
        <source>Contacts reached: %1</source>
        <translation>被联系到的联系人：%1</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <source>Re-hash every stored original and check every record and the audit chain.</source>
        <translation>重新计算每个原始文件的哈希，并检查每条记录和审计链。</translation>
    </message>
    <message>
        <source>Verifying: %1%</source>
        <translation>正在校验：%1%</translation>
    </message>
    <message>
        <source>MISMATCH %1: %2</source>
        <translation>不一致 %1：%2</translation>
    </message>
    <message>
        <source>Checked %1 evidence files, %2 events, %3 audit entries.</source>
        <translation>已检查 %1 个证据文件、%2 条事件、%3 条审计记录。</translation>
    </message>
    <message>
        <source>Audit head: %1</source>
        <translation>审计链末端：%1</translation>
    </message>
    <message>
        <source>Intact: nothing was changed.</source>
        <translation>完好：没有任何改动。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>发现 %n 处问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>not available yet in this version of Dossier (%1)</source>
        <translation>此版本的证据夹（%1）尚不可用</translation>
    </message>
    <message>
        <source>Usage: dossier-cli COMMAND CASE [options]</source>
        <translation>用法：dossier-cli 命令 案件文件 [选项]</translation>
    </message>
    <message>
        <source>Dossier (证据夹) keeps evidence of debt-collection harassment in one case file, offline.</source>
        <translation>证据夹（Dossier）在本机离线地把暴力催收的证据保存在一个案件文件中。</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Run 'dossier-cli COMMAND --help' for the options of a command.</source>
        <translation>运行“dossier-cli 命令 --help”查看某个命令的选项。</translation>
    </message>
    <message>
        <source>Exit codes: 0 success; 1 partly done (some inputs rejected); 2 usage error or unreadable case; 3 verify found a mismatch.</source>
        <translation>退出码：0 成功；1 部分完成（有输入被拒绝）；2 用法错误或无法读取案件；3 校验发现不一致。</translation>
    </message>
    <message>
        <source>unknown command; run 'dossier-cli --help' for the list</source>
        <translation>未知命令；运行“dossier-cli --help”查看命令列表</translation>
    </message>
    <message>
        <source>Try 'dossier-cli %1 --help' for more information.</source>
        <translation>运行“dossier-cli %1 --help”了解更多信息。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dossier</source>
        <translation>证据夹</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Dossier&lt;/h2&gt;&lt;p&gt;Keep the evidence of debt-collection harassment in one case file, on this computer only.&lt;/p&gt;&lt;p&gt;Create a case, then import call logs, SMS, chat exports and screenshots, or drop files onto this window.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;证据夹&lt;/h2&gt;&lt;p&gt;把暴力催收的证据保存在一个案件文件里，只存在这台电脑上。&lt;/p&gt;&lt;p&gt;先新建案件，再导入通话记录、短信、聊天导出和截图，或者直接把文件拖到这个窗口。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>新建案件…</translation>
    </message>
    <message>
        <source>Open case…</source>
        <translation>打开案件…</translation>
    </message>
    <message>
        <source>Search text, numbers, names (Ctrl+F)</source>
        <translation>搜索内容、号码、名字（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>新建案件(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a new case file (Ctrl+N)</source>
        <translation>新建案件文件（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation>打开案件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a case file (Ctrl+O)</source>
        <translation>打开案件文件（Ctrl+O）</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import call logs, SMS, chat exports, contacts, screenshots and recordings (Ctrl+I)</source>
        <translation>导入通话记录、短信、聊天导出、通讯录、截图和录音（Ctrl+I）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Displays help on commandline options.</source>
        <translation>显示命令行选项的帮助。</translation>
    </message>
    <message>
        <source>Unknown option '%1'.</source>
        <translation>未知选项“%1”。</translation>
    </message>
    <message>
        <source>Unknown options: %1.</source>
        <translation>未知选项：%1。</translation>
    </message>
    <message>
        <source>Missing value after '%1'.</source>
        <translation>“%1”后面缺少值。</translation>
    </message>
    <message>
        <source>Unexpected value after '%1'.</source>
        <translation>“%1”后面不应有值。</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>用法：%1</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>Displays help including Qt specific options.</source>
        <translation>显示帮助，包括 Qt 专用选项。</translation>
    </message>
</context>
</TS>