namespace Credit.Records;

/// <summary>What a reason code means, in general terms, in both languages (a row's own error says where and which value).</summary>
public sealed record ReasonName(string Zh, string En);

/// <summary>
/// Every reason intake gives for refusing a file or a row (and the one warning it counts), named in both languages for
/// the supervising office's figures (rejectedByReason). A test finds each code literal of the intake's sources here.
/// </summary>
public static class ReasonCodes
{
    public static IReadOnlyDictionary<string, ReasonName> All { get; } = new SortedDictionary<string, ReasonName>(StringComparer.Ordinal)
    {
        // The file as a whole.
        ["UNKNOWN_FILE_KIND"] = new("无法识别文件类型（表头不是行政处罚、行政许可或名单文件）", "file kind not recognised (headers are not a penalty, licence or list file)"),
        ["EXCHANGE_FILE"] = new("平台交换的名单文件误作部门上传", "an exchange list file uploaded as a department's file"),
        ["NOT_AN_EXCHANGE_FILE"] = new("交换目录中的文件不是交换名单文件", "a file in the exchange folder is not an exchange list file"),
        ["UNSUPPORTED_FORMAT"] = new("文件格式不受支持（应为.csv或.json）", "file format not supported (.csv or .json)"),
        ["SPREADSHEET_NOT_SUPPORTED"] = new("上传了Excel工作簿，应另存为CSV", "an Excel workbook uploaded: save it as CSV"),
        ["UNSUPPORTED_ENCODING"] = new("文件编码不受支持（应为UTF-8或GB18030）", "file encoding not supported (UTF-8 or GB18030)"),
        ["BINARY_CONTENT"] = new("文件不是文本文件", "the file is not text"),
        ["EMPTY_FILE"] = new("文件为空", "the file is empty"),
        ["MALFORMED_JSON"] = new("JSON格式错误", "malformed JSON"),
        ["UNREGISTERED_DEPARTMENT"] = new("上传目录的单位未登记", "the upload folder's department is not registered"),
        ["INVALID_FILE_NAME"] = new("文件名不符合要求", "the file name is not accepted"),
        ["BROKEN_QUOTING"] = new("引号未闭合，多行被读成一行", "an unclosed quote joined several lines into one row"),

        // A row.
        ["REQUIRED_FIELD_MISSING"] = new("必填项为空", "a required field is empty"),
        ["REQUIRED"] = new("必填项为空", "a required value is missing"),
        ["INVALID_DATE"] = new("日期无效（应为yyyy-MM-dd）", "an invalid date (yyyy-MM-dd)"),
        ["DECISION_DATE_IN_FUTURE"] = new("决定日期晚于今天", "the decision date is after today"),
        ["INVALID_AMOUNT"] = new("金额不是有效数字", "an amount is not a valid number"),
        ["NEGATIVE_AMOUNT"] = new("金额为负数", "a negative amount"),
        ["AMOUNT_TOO_LARGE"] = new("金额超出上限", "an amount above the limit"),
        ["INVALID_SUBJECT_CATEGORY"] = new("行政相对人类别不在代码表中", "the subject category is not in its code list"),
        ["INVALID_PENALTY_CATEGORY"] = new("处罚类别不在代码表中", "the penalty category is not in its code list"),
        ["CREDIT_CODE_REQUIRED"] = new("法人或非法人组织缺少统一社会信用代码", "an organisation without its unified social credit code"),
        ["NATURAL_PERSON_ID_REQUIRED"] = new("自然人缺少证件类型或证件号码", "a natural person without an ID type or number"),
        ["UNSUPPORTED_ID_TYPE"] = new("证件类型不受支持", "an ID type not supported"),
        ["SOURCE_DEPARTMENT_MISMATCH"] = new("数据来源单位不是上传部门", "the source department is not the uploading department"),
        ["DUPLICATE_RECORD_IN_FILE"] = new("同一文件中记录重复", "the same record twice in the file"),
        ["TOO_LONG"] = new("内容超过字段长度上限", "a value longer than its field allows"),
        ["FORBIDDEN_CHARACTER"] = new("含有控制字符或方向控制字符", "a control or bidirectional-override character"),
        ["USCC_EMPTY"] = new("统一社会信用代码为空", "the unified social credit code is empty"),
        ["USCC_LENGTH"] = new("统一社会信用代码不是18位", "the unified social credit code does not have 18 characters"),
        ["USCC_CHARACTER"] = new("统一社会信用代码含有不允许的字符", "the unified social credit code has a character it may not"),
        ["USCC_CHECK_CHARACTER"] = new("统一社会信用代码校验位错误", "the check character of the unified social credit code is wrong"),
        ["RESIDENT_ID_EMPTY"] = new("身份证号码为空", "the resident ID number is empty"),
        ["RESIDENT_ID_LENGTH"] = new("身份证号码不是18位", "the resident ID number does not have 18 characters"),
        ["RESIDENT_ID_CHARACTER"] = new("身份证号码含有不允许的字符", "the resident ID number has a character it may not"),
        ["RESIDENT_ID_BIRTH_DATE"] = new("身份证号码中的出生日期无效", "the birth date in the resident ID number is not a date"),
        ["RESIDENT_ID_CHECK_CHARACTER"] = new("身份证号码校验位错误", "the check character of the resident ID number is wrong"),

        // The warning counted with them: the row goes in, with the longest period allowed.
        ["PUBLICITY_PERIOD_CAPPED"] = new("公示期限超过上限，按上限公示", "a publicity period above the maximum: the maximum applies"),
    };
}
