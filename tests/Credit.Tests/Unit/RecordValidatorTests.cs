using Credit.Calendar;
using Credit.Identifiers;
using Credit.Records;
using Credit.Testing;

namespace Credit.Tests.Unit;

public sealed class RecordValidatorTests
{
    static readonly SubjectKeys Keys = new(new byte[32]);
    readonly RecordValidator validator = new(RecordSchema.Penalty, Rows.Department, new DateOnly(2024, 11, 1), WorkingDayCalendar.Default, 7, Keys);

    RowOutcome Validate(Action<Dictionary<string, string>> change)
    {
        var row = Rows.Penalty();
        change(row);
        return validator.Validate(Rows.Raw(RecordSchema.Penalty, 7, row));
    }

    RowError SingleError(Action<Dictionary<string, string>> change)
    {
        var outcome = Validate(change);
        Assert.Null(outcome.Record);
        return Assert.Single(outcome.Errors);
    }

    [Theory]
    [InlineData("罚款金额(万元)", "AMOUNT_TOO_LARGE")]
    [InlineData("处罚决定日期", "INVALID_DATE")]
    public void An_id_number_in_another_column_is_never_echoed_whole(string column, string code)
    {
        var error = SingleError(row => row[column] = Rows.Person);
        Assert.Equal(code, error.Code);
        Assert.Equal("110105********0016", error.Value);
        Assert.DoesNotContain(Rows.Person, error.MessageZh + error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_row_becomes_a_record_with_its_disclosure_deadline()
    {
        var outcome = Validate(_ => { });
        Assert.Empty(outcome.Errors);
        var record = outcome.Record!;
        Assert.Equal(new DateOnly(2024, 10, 12), record.DisclosureDeadline);
        Assert.False(record.DeadlineIsEstimate);
        Assert.Equal(Rows.Company, record.SubjectKey);
        Assert.Equal("2024-09-27", record.Fields["CF_JDRQ"]);
        Assert.StartsWith(Rows.Department + "-", record.Key.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_is_the_same_for_the_same_decision_and_subject_whatever_else_changes()
    {
        var first = Validate(_ => { }).Record!;
        var changed = Validate(r => r["罚款金额(万元)"] = "3").Record!;
        Assert.Equal(first.Key, changed.Key);
        Assert.NotEqual(first.ContentHash, changed.ContentHash);
        var other = Validate(r => r["行政处罚决定书文号"] = "京市监罚〔2024〕999号").Record!;
        Assert.NotEqual(first.Key, other.Key);
    }

    [Fact]
    public void Missing_required_field_names_its_column()
    {
        var error = SingleError(r => r["违法事实"] = " ");
        Assert.Equal(("REQUIRED_FIELD_MISSING", "违法事实", 7L), (error.Code, error.Column, error.Row));
        Assert.Contains("违法事实", error.MessageZh, StringComparison.Ordinal);
        Assert.Contains("CF_SY", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_credit_code_check_character() =>
        Assert.Equal("USCC_CHECK_CHARACTER", SingleError(r => r["统一社会信用代码"] = "91110105MA00000013").Code);

    [Fact]
    public void Subject_category_outside_the_enumeration() =>
        Assert.Equal(("INVALID_SUBJECT_CATEGORY", "企业"), (SingleError(r => r["行政相对人类别"] = "企业").Code, "企业"));

    [Fact]
    public void Penalty_category_outside_the_enumeration_names_the_unknown_one()
    {
        var error = SingleError(r => r["处罚类别"] = "罚款、拘役");
        Assert.Equal("INVALID_PENALTY_CATEGORY", error.Code);
        Assert.Contains("拘役", error.MessageZh, StringComparison.Ordinal);
        Assert.DoesNotContain("罚款、", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_natural_person_needs_ID_type_and_number()
    {
        var outcome = Validate(r =>
        {
            r["行政相对人类别"] = "自然人";
            r["统一社会信用代码"] = "";
        });
        Assert.Equal(["NATURAL_PERSON_ID_REQUIRED", "NATURAL_PERSON_ID_REQUIRED"], outcome.Errors.Select(e => e.Code));
    }

    [Fact]
    public void A_natural_person_is_keyed_by_a_hash_never_by_the_number()
    {
        var record = Validate(r =>
        {
            r["行政相对人类别"] = "自然人";
            r["统一社会信用代码"] = "";
            r["证件类型"] = "身份证";
            r["证件号码"] = Rows.Person;
        }).Record!;
        Assert.DoesNotContain(Rows.Person, record.SubjectKey, StringComparison.Ordinal);
        Assert.DoesNotContain(Rows.Person, record.Key.Id, StringComparison.Ordinal);
        Assert.Equal(Keys.ForPerson(Rows.Person), record.SubjectKey);
    }

    [Fact]
    public void A_bad_resident_ID_is_reported_masked()
    {
        var error = SingleError(r =>
        {
            r["行政相对人类别"] = "自然人";
            r["统一社会信用代码"] = "";
            r["证件类型"] = "身份证";
            r["证件号码"] = "110105198001010017";
        });
        Assert.Equal(("RESIDENT_ID_CHECK_CHARACTER", "110105********0017"), (error.Code, error.Value));
    }

    [Theory]
    [InlineData("2024.09.27")]
    [InlineData("2024-09-31")]
    public void Malformed_dates(string value) => Assert.Equal(("INVALID_DATE", value), (SingleError(r => r["处罚决定日期"] = value).Code, value));

    [Fact]
    public void All_three_date_forms_are_accepted() =>
        Assert.All(new[] { "2024-09-27", "2024/9/27", "2024年9月27日" }, d => Assert.Equal(new DateOnly(2024, 9, 27), Validate(r => r["处罚决定日期"] = d).Record!.DecisionDate));

    [Fact]
    public void Decision_in_the_future() => Assert.Equal("DECISION_DATE_IN_FUTURE", SingleError(r => r["处罚决定日期"] = "2024-11-02").Code);

    [Fact]
    public void Amounts_must_be_numbers() => Assert.Equal("INVALID_AMOUNT", SingleError(r => r["罚款金额(万元)"] = "两万").Code);

    [Fact]
    public void Amounts_must_not_be_negative() => Assert.Equal("NEGATIVE_AMOUNT", SingleError(r => r["罚款金额(万元)"] = "-1").Code);

    [Fact]
    public void Source_department_must_be_the_uploader()
    {
        var error = SingleError(r => r["数据来源单位统一社会信用代码"] = Rows.OtherDepartment);
        Assert.Equal(("SOURCE_DEPARTMENT_MISMATCH", Rows.OtherDepartment), (error.Code, error.Value));
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_at_once()
    {
        var outcome = Validate(r =>
        {
            r["违法事实"] = "";
            r["罚款金额(万元)"] = "-1";
            r["统一社会信用代码"] = "123";
        });
        Assert.Equal(["NEGATIVE_AMOUNT", "REQUIRED_FIELD_MISSING", "USCC_LENGTH"], outcome.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public void A_deadline_beyond_the_loaded_arrangements_is_kept_and_flagged()
    {
        var late = new RecordValidator(RecordSchema.Penalty, Rows.Department, new DateOnly(2026, 12, 31), WorkingDayCalendar.Default, 7, Keys);
        var row = Rows.Penalty();
        row["处罚决定日期"] = "2026-12-28";
        var record = late.Validate(Rows.Raw(RecordSchema.Penalty, 2, row)).Record!;
        Assert.True(record.DeadlineIsEstimate);
    }
}
