// zh-CN by default; English by the toggle. Keys name what a text is for, not where it is.
export const texts = {
  zh: {
    title: '信用北京 · 信用信息查询', language: 'English', languageLabel: 'Switch to English', skip: '跳到主要内容', files: '公示数据下载',
    footer: '北京市公共信用信息服务平台 · 依据京政发〔2017〕15号公示行政许可、行政处罚和红黑名单信息',
    query: '主体名称开头，或统一社会信用代码、身份证号', search: '查询',
    hint: '可按名称开头查询法人、非法人组织和个体工商户；自然人请输入身份证号查询。仅显示已公示的行政许可、行政处罚和红名单、黑名单信息。',
    noMatch: '未找到名称以“{q}”开头的主体。查询范围：已公示信息中的法人、非法人组织和个体工商户名称（自然人不按姓名查询，请输入身份证号）。',
    noSubject: '未查询到该主体的公示信息：其没有在公示期内的行政许可、行政处罚，也未被列入红名单或黑名单。',
    matches: '查询结果', personByName: '自然人（请输入身份证号查询）', searching: '查询中…',
    subject: '主体信息', name: '名称', code: '统一社会信用代码 / 身份证号', kind: '主体类别',
    legal: '法人和非法人组织', individual: '个体工商户', person: '自然人',
    lists: '红名单、黑名单', noLists: '未被列入红名单或黑名单。', red: '红名单', black: '黑名单', removed: '已移出', listedBy: '{source}列入',
    category: '类别 / 领域', document: '决定文书号', department: '部门', period: '期间', reason: '原因', status: '状态',
    records: '行政许可和行政处罚', noRecords: '无公示中的行政许可或行政处罚。', recordKind: '类型', date: '决定日期', content: '内容',
    license: '行政许可', penalty: '行政处罚', underObjection: '异议处理中', repaired: '已修复', revoked: '已撤销',
    commitments: '信用承诺', commitmentKind: '承诺类型', reference: '事项编号', takenOn: '承诺日期', dueDate: '补交期限',
    Notification: '告知承诺', Deficiency: '容缺受理', SelfDeclaration: '主动公开承诺', Repair: '信用修复承诺', Industry: '行业自律承诺',
    Open: '履行中', Fulfilled: '已履约', Breached: '违约',
    previous: '上一页', next: '下一页', pageOf: '第 {from}–{to} 条，共 {total} 条',
    reportTitle: '信用报告', report: '本主体可凭本人密钥申请信用报告（PDF，含二维码，可核验真伪），也可授权银行等机构查询。', reportLink: '申请信用报告',
    requestTitle: '申请信用报告', requestHint: '信用主体凭本人密钥（由主管部门发放，或经统一身份认证登录后取得）申请本人的信用报告，报告含近5年公示信息，可凭二维码或报告编号核验真伪。',
    yourKey: '本人密钥', request: '申请', issuing: '报告生成中…', ready: '报告已生成', reportId: '报告编号', downloadPdf: '下载PDF', openHtml: '网页版', verify: '核验地址', badKey: '密钥无效：请使用信用主体本人的密钥',
    filesTitle: '公示数据下载', month: '月份', filesHint: '每日公示的行政处罚和行政许可信息，JSON Lines 和 CSV 两种格式，字段说明见数据说明。', noFiles: '该月无公示文件。',
    day: '日期', format: '格式', size: '大小', download: '下载', schema: '数据说明',
    tipoff: '失信举报', tipoffTitle: '举报失信行为',
    tipoffHint: '依据京政发〔2017〕15号，任何单位和个人均可举报失信行为。可匿名举报；实名举报的，举报人姓名和联系方式加密保存，仅承办部门可查阅，且每次查阅均有记录。提交后请保存举报编号和查询凭证，凭证只显示一次。',
    reportedName: '被举报主体名称', reportedCode: '统一社会信用代码或身份证号（如知道）', conduct: '失信行为（时间、地点、经过）', anonymous: '匿名举报',
    reporterName: '举报人姓名', reporterContact: '联系方式', evidence: '证据材料（每个不超过10MB，最多10个）', submit: '提交举报', submitting: '提交中…',
    filed: '举报已受理', reportNo: '举报编号', token: '查询凭证', tokenHint: '请妥善保存：凭举报编号和查询凭证查询办理结果，凭证不会再次显示。', triageDue: '分办期限',
    uploaded: '已上传证据：{names}', followTitle: '查询办理结果', follow: '查询', notFollowed: '未找到该举报：请核对举报编号和查询凭证。',
    stateFiled: '待分办', stateAssigned: '办理中', stateDecided: '已办结', finding: '办理结果', reply: '答复', decidedAt: '办结时间',
    Substantiated: '举报属实', Unsubstantiated: '举报不属实', NotCompetent: '不属于受理部门职责',
    error: '查询失败',
  },
  en: {
    title: 'Credit Beijing · public credit query', language: '中文', languageLabel: '切换到中文', skip: 'Skip to the main content', files: 'Download published data',
    footer: 'Beijing public credit information service · licences, penalties and red and black lists published under 京政发〔2017〕15号',
    query: 'Beginning of a name, or a unified social credit code or ID number', search: 'Search',
    hint: 'Organisations and individual businesses are found by the beginning of their name; a natural person by ID number only. Only published licences, penalties and red and black list entries are shown.',
    noMatch: 'No subject whose name begins with “{q}”. Searched: the names of organisations and individual businesses in published information (persons are not found by name: enter an ID number).',
    noSubject: 'Nothing is published about this subject: no licence or penalty in its publicity period, and no red or black list entry.',
    matches: 'Results', personByName: 'Natural person (search by ID number)', searching: 'Searching…',
    subject: 'Subject', name: 'Name', code: 'Credit code / ID number', kind: 'Kind',
    legal: 'Organisation', individual: 'Individual business', person: 'Natural person',
    lists: 'Red and black lists', noLists: 'On no red or black list.', red: 'Red list', black: 'Black list', removed: 'Removed', listedBy: 'Listed by {source}',
    category: 'Category / field', document: 'Decision document', department: 'Department', period: 'Period', reason: 'Reason', status: 'Status',
    records: 'Licences and penalties', noRecords: 'No licence or penalty in its publicity period.', recordKind: 'Kind', date: 'Decided', content: 'Content',
    license: 'Licence', penalty: 'Penalty', underObjection: 'Under objection', repaired: 'Repaired', revoked: 'Revoked',
    commitments: 'Credit commitments', commitmentKind: 'Kind', reference: 'Reference', takenOn: 'Taken on', dueDate: 'Due',
    Notification: 'Notification commitment', Deficiency: 'Accepted with items due', SelfDeclaration: 'Public self-declaration', Repair: 'Repair commitment', Industry: 'Industry commitment',
    Open: 'Open', Fulfilled: 'Kept', Breached: 'Broken',
    previous: 'Previous', next: 'Next', pageOf: '{from}–{to} of {total}',
    reportTitle: 'Credit report', report: 'The subject can obtain its credit report with its own key (PDF with a QR code, verifiable), or let a bank read it by consent.', reportLink: 'Request a credit report',
    requestTitle: 'Request a credit report', requestHint: 'A subject requests its own credit report with its own key (issued by the office, or after signing in through the unified identity service); the report holds 5 years of published information and can be verified by its QR code or id.',
    yourKey: 'Your key', request: 'Request', issuing: 'Issuing the report…', ready: 'The report is ready', reportId: 'Report id', downloadPdf: 'Download the PDF', openHtml: 'Web version', verify: 'Verification address', badKey: 'The key is not valid: use the subject\u2019s own key',
    filesTitle: 'Download published data', month: 'Month', filesHint: 'Each day\u2019s published penalties and licences, as JSON Lines and CSV; the fields are described in the data description.', noFiles: 'No files for this month.',
    day: 'Day', format: 'Format', size: 'Size', download: 'Download', schema: 'Data description',
    tipoff: 'Report dishonesty', tipoffTitle: 'Report dishonest conduct',
    tipoffHint: 'Under 京政发〔2017〕15号 anyone may report dishonest conduct, anonymously if they wish. A named reporter\u2019s name and contact are stored encrypted, read only by the handling department, and every read is recorded. Keep the report number and the token after sending: the token is shown once.',
    reportedName: 'Name of the reported subject', reportedCode: 'Its credit code or ID number (if known)', conduct: 'The conduct (when, where, what happened)', anonymous: 'Report anonymously',
    reporterName: 'Your name', reporterContact: 'How to reach you', evidence: 'Evidence (each up to 10 MB, at most 10 files)', submit: 'Send the report', submitting: 'Sending…',
    filed: 'The report was received', reportNo: 'Report number', token: 'Token', tokenHint: 'Keep it: the report number and the token let you follow the report; the token is not shown again.', triageDue: 'To be assigned by',
    uploaded: 'Evidence sent: {names}', followTitle: 'Follow a report', follow: 'Follow', notFollowed: 'No such report: check the report number and the token.',
    stateFiled: 'Waiting to be assigned', stateAssigned: 'Being handled', stateDecided: 'Decided', finding: 'Finding', reply: 'Reply', decidedAt: 'Decided on',
    Substantiated: 'Substantiated', Unsubstantiated: 'Not substantiated', NotCompetent: 'Not the handling department\u2019s competence',
    error: 'The query failed',
  },
};

let language = sessionStorage.getItem('portal-language') === 'en' ? 'en' : 'zh';

export const t = (key, values = {}) => Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, value), texts[language][key] ?? key);
export const current = () => language;

export function toggle() {
  language = language === 'zh' ? 'en' : 'zh';
  sessionStorage.setItem('portal-language', language);
}
