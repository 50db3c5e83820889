// zh-CN by default; English by the toggle. Keys name what a text is for, not where it is.
export const texts = {
  zh: {
    title: '信用联合奖惩跟踪问效', signOut: '退出', language: 'English',
    signInTitle: '登录', apiKey: 'API密钥', signIn: '登录', badKey: '密钥无效或已停用',
    month: '统计月份', filter: '筛选单位', run: '立即统计', notice: '下载本月通报', running: '统计中…',
    overview: '本月总览', trends: '月度趋势', departments: '各单位情况', overdue: '逾期事项', back: '返回总览',
    kpiUploads: '上传文件', kpiAccepted: '入库记录', kpiRejected: '退回记录', kpiDisclosure: '7个工作日内公示率', kpiSharing: '共享及时率',
    kpiPushes: '接收推送', kpiFeedback: '按期执行反馈率', kpiOverdue: '逾期事项', kpiChecks: '信用查询', kpiCoverage: '应查必查覆盖率',
    colName: '单位', colCode: '统一社会信用代码', colUploads: '上传', colAccepted: '入库', colRejected: '退回',
    colDisclosure: '按期公示率', colSharing: '共享及时率', colFeedback: '按期反馈率', colOverdue: '逾期事项', colChecks: '信用查询', colCoverage: '覆盖率',
    chartShares: '按期公示率与按期反馈率', chartRecords: '入库与退回记录',
    kind: '类别', item: '事项', at: '时间', department: '单位', none: '无',
    caseTitle: '案件', state: '状态', subject: '主体', timeline: '办理过程', assignments: '推送措施', deadline: '期限',
    rejectedByReason: '退回原因', disclosureDetail: '公示：按期 / 逾期 / 超期未公示', sharingDetail: '向国家和京津冀平台共享：按期 / 逾期', feedbackDetail: '执行反馈：按期 / 逾期 / 超期未报',
    liftDetail: '解除确认：按期 / 逾期 / 超期', objectionDetail: '异议处理：按期 / 逾期 / 超期', repairDetail: '信用修复：按期 / 逾期 / 超期',
    record: '记录', remedy: '异议或修复',
    'feedback-overdue': '执行反馈超期', 'lift-overdue': '解除确认超期', 'objection-overdue': '异议处理超期', 'repair-overdue': '信用修复超期',
    reports: '失信举报', reportSubject: '被举报主体', reportState: '状态', due: '期限', Filed: '待分办', Assigned: '办理中', Decided: '已办结', late: '已逾期', report: '失信举报',
    reportDetail: '失信举报：收到 / 按期办结 / 逾期办结 / 超期未办结', complaintDetail: '政务诚信：被投诉 / 投诉成立 / 政务失信记录', complaintHandling: '本办投诉办理：按期办结 / 逾期办结 / 超期未办结', complaintHandlingDetail: '本办办理对其投诉：按期办结 / 逾期办结 / 超期未办结', 'report-overdue': '失信举报超期未办结', 'disclosure-overdue': '超期未公示', 'timeline_initiated': '发起', 'timeline_push': '推送措施', 'timeline_feedback': '执行反馈', 'timeline_overdue': '逾期', 'timeline_amended': '变更', 'timeline_completed': '结束', 'timeline_in-effect': '生效', 'timeline_lift': '解除', 'timeline_lift-acknowledged': '解除确认', 'timeline_reminder': '提醒', 'timeline_removed': '移出名单', 'timeline_suspended': '中止', 'timeline_unimplemented': '无实施部门', named: '本月通报单位', noneNamed: '本月各单位均达到通报标准', noNotice: '本月尚未统计（立即统计后生成通报）', state_Initiated: '已发起', state_AwaitingFeedback: '待执行反馈', state_InEffect: '措施实施中', state_Lifting: '解除中', state_Completed: '已结束',
    end_Expired: '期限届满', end_Repaired: '信用修复', end_ObjectionUpheld: '异议成立', end_Suspended: '因列入黑名单或重点关注名单中止', end_RemovedAtSource: '来源地已移出', endReason: '结束原因',
    measure: '措施', target: '对象', assignmentStatus: '执行情况', answeredLate: '逾期反馈', lifts: '解除通知', acknowledged: '已确认', yes: '是', no: '否',
    assignment_Pending: '待反馈', assignment_Applied: '已实施', assignment_NotApplicable: '不适用', assignment_Failed: '未能实施', assignment_Withdrawn: '已撤回', inspectionDetail: '分类监管：检查 A / B / C / D 级主体', gradeDShare: 'D级主体检查比例', supervisionByGrade: '分类监管：信用等级分布与抽查计划', gradeChart: '本部门监管对象信用等级分布', grades: '信用等级', notYetEvaluated: '尚未评价', plannedOn: '计划日期', drawn: '抽取数', seed: '随机种子',
    complaints: '政府违约失信投诉', complaint: '政府违约失信投诉', respondent: '被投诉单位', complainant: '投诉人',
    remedyObjection: '异议', remedyRepair: '信用修复申请', filedBy: '提出人', filedBySubject: '信用主体本人', filedAt: '提出时间', decidingDepartment: '决定部门',
    statement: '理由或说明', proof: '证明材料', decisionReason: '决定理由', decidedAt: '决定时间', decidedLate: '逾期决定', evidence: '证据文件',
    remedy_UnderReview: '办理中', remedy_Upheld: '异议成立', remedy_Rejected: '异议不成立', remedy_Approved: '准予修复', remedy_Refused: '不予修复',
    item_Record: '记录', item_ListEntry: '名单条目', item_Commitment: '信用承诺',
    timeline_filed: '提出', timeline_forwarded: '转决定部门', timeline_marked: '标注异议中', timeline_decided: '作出决定', timeline_withdrawn: '撤下公示', timeline_corrected: '更正', timeline_shared: '结果推送',
    'deficiency-overdue': '容缺材料逾期未补交', commitment: '信用承诺', commitmentDetail: '信用承诺：承诺数 / 容缺按期 / 逾期补交 / 超期未补交 / 违约',
  },
  en: {
    title: 'Joint credit rewards and sanctions — supervision', signOut: 'Sign out', language: '中文',
    signInTitle: 'Sign in', apiKey: 'API key', signIn: 'Sign in', badKey: 'The key is not valid or was revoked',
    month: 'Month', filter: 'Filter departments', run: 'Compute now', notice: "Download the month's notice", running: 'Computing…',
    overview: 'This month', trends: 'Monthly trends', departments: 'Departments', overdue: 'Overdue items', back: 'Back to the overview',
    kpiUploads: 'Uploads', kpiAccepted: 'Records accepted', kpiRejected: 'Records rejected', kpiDisclosure: 'Disclosed within 7 working days', kpiSharing: 'Shared with other platforms on time',
    kpiPushes: 'Pushes received', kpiFeedback: 'Feedback on time', kpiOverdue: 'Overdue items', kpiChecks: 'Credit checks', kpiCoverage: 'Check coverage',
    colName: 'Department', colCode: 'Credit code', colUploads: 'Uploads', colAccepted: 'Accepted', colRejected: 'Rejected',
    colDisclosure: 'Disclosed on time', colSharing: 'Shared on time', colFeedback: 'Feedback on time', colOverdue: 'Overdue', colChecks: 'Checks', colCoverage: 'Coverage',
    chartShares: 'Disclosure and feedback on time', chartRecords: 'Records accepted and rejected',
    kind: 'Kind', item: 'Item', at: 'When', department: 'Department', none: 'None',
    caseTitle: 'Case', state: 'State', subject: 'Subject', timeline: 'Timeline', assignments: 'Measures pushed', deadline: 'Deadline',
    rejectedByReason: 'Rejected by reason', disclosureDetail: 'Disclosure: on time / late / overdue', sharingDetail: 'Shared with the national and regional platforms: on time / late', feedbackDetail: 'Feedback: on time / late / overdue',
    liftDetail: 'Lift acknowledgements: on time / late / overdue', objectionDetail: 'Objections: on time / late / overdue', repairDetail: 'Repairs: on time / late / overdue',
    record: 'Record', remedy: 'Objection or repair',
    'feedback-overdue': 'Feedback overdue', 'lift-overdue': 'Lift acknowledgement overdue', 'objection-overdue': 'Objection decision overdue', 'repair-overdue': 'Repair decision overdue',
    reports: 'Reports of dishonesty', reportSubject: 'Reported subject', reportState: 'State', due: 'Due', Filed: 'To assign', Assigned: 'Being handled', Decided: 'Decided', late: 'Overdue', report: 'Report of dishonesty',
    reportDetail: 'Reports of dishonesty: received / decided on time / late / overdue', complaintDetail: 'Government integrity: complaints / upheld / dishonesty records', complaintHandling: 'The office\u2019s handling of complaints: decided on time / late / overdue', complaintHandlingDetail: 'The office\u2019s handling of complaints about it: on time / late / overdue', 'report-overdue': 'Report of dishonesty not decided in time', 'disclosure-overdue': 'Not disclosed within its deadline', 'timeline_initiated': 'Initiated', 'timeline_push': 'Pushed', 'timeline_feedback': 'Feedback', 'timeline_overdue': 'Overdue', 'timeline_amended': 'Amended', 'timeline_completed': 'Completed', 'timeline_in-effect': 'In effect', 'timeline_lift': 'Lifted', 'timeline_lift-acknowledged': 'Lift acknowledged', 'timeline_reminder': 'Reminder', 'timeline_removed': 'Removed from the list', 'timeline_suspended': 'Suspended', 'timeline_unimplemented': 'No implementing department', named: 'Departments this month\u2019s notice names', noneNamed: 'Every department met the thresholds this month', noNotice: 'No statistics run yet this month (run them to write the notice)', state_Initiated: 'Initiated', state_AwaitingFeedback: 'Awaiting feedback', state_InEffect: 'In effect', state_Lifting: 'Lifting', state_Completed: 'Completed',
    end_Expired: 'Period ended', end_Repaired: 'Credit repaired', end_ObjectionUpheld: 'Objection upheld', end_Suspended: 'Suspended by a black or watch-list entry', end_RemovedAtSource: 'Removed at its source', endReason: 'Ended by',
    measure: 'Measure', target: 'Target', assignmentStatus: 'Execution', answeredLate: 'answered late', lifts: 'Lift notices', acknowledged: 'Acknowledged', yes: 'Yes', no: 'No',
    assignment_Pending: 'Awaiting feedback', assignment_Applied: 'Applied', assignment_NotApplicable: 'Not applicable', assignment_Failed: 'Could not be applied', assignment_Withdrawn: 'Withdrawn', inspectionDetail: 'Classified supervision: inspections of A / B / C / D subjects', gradeDShare: 'Share of D-grade subjects inspected', supervisionByGrade: 'Classified supervision: grades and inspection plans', gradeChart: 'The department\u2019s subjects by credit grade', grades: 'Credit grade', notYetEvaluated: 'Not yet evaluated', plannedOn: 'Planned on', drawn: 'Drawn', seed: 'Seed',
    complaints: 'Complaints of governments\u2019 breaches', complaint: 'Complaint of a government\u2019s breach', respondent: 'Government body', complainant: 'Complainant',
    remedyObjection: 'Objection', remedyRepair: 'Credit repair application', filedBy: 'Filed by', filedBySubject: 'The subject itself', filedAt: 'Filed', decidingDepartment: 'Deciding department',
    statement: 'Reason or statement', proof: 'Proof', decisionReason: 'Reason for the decision', decidedAt: 'Decided', decidedLate: 'decided late', evidence: 'Evidence files',
    remedy_UnderReview: 'Under review', remedy_Upheld: 'Upheld', remedy_Rejected: 'Rejected', remedy_Approved: 'Approved', remedy_Refused: 'Refused',
    item_Record: 'Record', item_ListEntry: 'List entry', item_Commitment: 'Credit commitment',
    timeline_filed: 'Filed', timeline_forwarded: 'Forwarded to the deciding department', timeline_marked: 'Marked under objection', timeline_decided: 'Decided', timeline_withdrawn: 'Withdrawn from public view', timeline_corrected: 'Corrected', timeline_shared: 'Result shared',
    'deficiency-overdue': 'Missing items not supplied by the due day', commitment: 'Credit commitment', commitmentDetail: 'Commitments: taken / supplied on time / late / overdue / breached',
  },
};

let language = sessionStorage.getItem('language') === 'en' ? 'en' : 'zh';

// A key without a text in the language shown is shown as itself and named on <html data-untranslated>: the browser tests fail on any.
const missing = new Set();
function untranslated(key) {
  missing.add(`${language}:${key}`);
  document.documentElement.dataset.untranslated = [...missing].join(' ');
  return key;
}
export const t = key => texts[language][key] ?? untranslated(key);

/** A name the API gives in both languages ({code: {zh, en}}), in the language shown. */
export const named = (names, code) => names[code]?.[language] ?? untranslated(code);
export const current = () => language;

export function toggle() {
  language = language === 'zh' ? 'en' : 'zh';
  sessionStorage.setItem('language', language);
}

/** A share as a percentage in the page's language conventions; a dash where nothing was due. */
export const percent = share => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`);
