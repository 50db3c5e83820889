using System.Text.RegularExpressions;
using Credit.Lists;
using Credit.Measures;
using Credit.Records;

namespace Credit.Catalogue;

/// <summary>What is wrong with an item, where (the request's field) and in both languages.</summary>
public sealed record ItemProblem(string Field, string Message, string MessageZh);

/// <summary>
/// The rules a catalogue item keeps, whoever writes it (the product's seed, the supervising office): every text
/// present and printable, periods in order, facts named once, and every bound measure one the list has, for this
/// item's list, binding persons only where the measure does, under conditions the item's own 是/否 facts state.
/// </summary>
public static partial class CatalogueRules
{
    public static IReadOnlyList<ItemProblem> Check(CatalogueItem item, IReadOnlyList<Measure> measures)
    {
        var problems = new List<ItemProblem>();
        void Problem(string field, string en, string zh) => problems.Add(new ItemProblem(field, en, zh));
        if (!Storage.ItemCode.IsValid(item.Code))
        {
            Problem("code", $"code must be 2 to 16 capital letters, digits or hyphens, got '{TextRules.Echo(item.Code)}'", "条目代码应为2至16位大写字母、数字或连字符");
        }

        foreach (var (field, value, maxLength, multiLine) in new[] { ("name", item.Name, 200, false), ("criteria", item.Criteria, 2048, true), ("legalBasis", item.LegalBasis, 2048, true) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(field, $"{field} is required", $"{field}为必填项");
            }
            else if (TextRules.Check(0, field, field, value, maxLength, multiLine) is { } text)
            {
                Problem(field, text.MessageEn, text.MessageZh);
            }
        }

        if (item.Field is { } itemField && !ListVocabulary.Fields.Contains(itemField))
        {
            Problem("field", $"unknown field '{TextRules.Echo(itemField)}'", $"未知领域“{TextRules.Echo(itemField)}”");
        }

        if (item.DefaultPeriodMonths < 1 || item.DefaultPeriodMonths > item.MaximumPeriodMonths || item.MaximumPeriodMonths > ListEntryValidator.MaxPeriodMonths)
        {
            Problem("defaultPeriodMonths/maximumPeriodMonths", $"periods must satisfy 1 ≤ defaultPeriodMonths ≤ maximumPeriodMonths ≤ {ListEntryValidator.MaxPeriodMonths}",
                $"期限应满足 1 ≤ 默认期限 ≤ 最长期限 ≤ {ListEntryValidator.MaxPeriodMonths}");
        }

        if (item.MinimumRepairMonths < 0 || item.MinimumRepairMonths > item.MaximumPeriodMonths)
        {
            Problem("minimumRepairMonths", "minimumRepairMonths must be from 0 to maximumPeriodMonths", "信用修复最短期限应在0至最长期限之间");
        }

        CheckFacts(item, Problem);
        CheckMeasures(item, measures, Problem);
        foreach (var keyword in item.DerivedFrom?.CategoryKeywords ?? [])
        {
            if (string.IsNullOrWhiteSpace(keyword) || keyword.Length > 32 || TextRules.FirstForbidden(keyword, false) >= 0)
            {
                Problem("derivedFrom.categoryKeywords", $"a keyword must be 1 to 32 printable characters, got '{TextRules.Echo(keyword)}'", "关键词应为1至32个可见字符");
            }
        }

        if (item.DerivedFrom?.Fields.FirstOrDefault(f => !ListVocabulary.Fields.Contains(f)) is { } unknown)
        {
            Problem("derivedFrom.fields", $"unknown field '{TextRules.Echo(unknown)}'", $"未知领域“{TextRules.Echo(unknown)}”");
        }

        return problems;
    }

    static void CheckFacts(CatalogueItem item, Action<string, string, string> problem)
    {
        foreach (var fact in item.Facts)
        {
            if (!FactKeyPattern().IsMatch(fact.Key))
            {
                problem("facts", $"a fact key must be a letter then 1 to 31 letters or digits, got '{TextRules.Echo(fact.Key)}'", "事实键应以字母开头，由2至32位字母或数字组成");
            }

            if (string.IsNullOrWhiteSpace(fact.Name) || fact.Name.Length > 32 || TextRules.FirstForbidden(fact.Name, false) >= 0)
            {
                problem("facts", $"fact {TextRules.Echo(fact.Key)} needs a name of 1 to 32 printable characters", $"事实{TextRules.Echo(fact.Key)}的名称应为1至32个可见字符");
            }
        }

        foreach (var twice in item.Facts.GroupBy(f => f.Key, StringComparer.OrdinalIgnoreCase).Concat(item.Facts.GroupBy(f => f.Name, StringComparer.Ordinal)).Where(g => g.Count() > 1))
        {
            problem("facts", $"'{TextRules.Echo(twice.Key)}' names two facts", $"“{TextRules.Echo(twice.Key)}”重复");
        }
    }

    static void CheckMeasures(CatalogueItem item, IReadOnlyList<Measure> measures, Action<string, string, string> problem)
    {
        if (item.Measures.Count == 0)
        {
            problem("measures", "an item binds at least one measure", "条目应至少对应一项奖惩措施");
        }

        foreach (var twice in item.Measures.GroupBy(b => b.MeasureCode, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problem("measures", $"measure {TextRules.Echo(twice.Key)} is bound twice", $"措施{TextRules.Echo(twice.Key)}重复");
        }

        foreach (var bound in item.Measures)
        {
            var code = TextRules.Echo(bound.MeasureCode);
            var measure = measures.FirstOrDefault(m => m.Code == bound.MeasureCode);
            if (measure is not { Retired: false })
            {
                problem("measures", $"{code} is no measure in use (GET /api/measures)", $"{code}不是在用的措施（见 GET /api/measures）");
                continue;
            }

            if (!measure.ListTypes.Contains(item.ListType))
            {
                problem("measures", $"{code} ({measure.Name}) is not a measure of the {item.ListType} list", $"{code}（{measure.Name}）不适用于{item.ListType.ZhName()}");
            }

            if (bound.SubjectKinds.Count == 0 && bound.Roles.Count == 0)
            {
                problem("measures", $"{code} binds neither the subject (subjectKinds) nor a responsible person (roles)", $"{code}既未适用于主体(subjectKinds)也未适用于责任人员(roles)");
            }

            if (bound.Roles.Count > 0 && !measure.BindsResponsiblePersons)
            {
                problem("measures", $"{code} ({measure.Name}) does not bind responsible persons", $"{code}（{measure.Name}）不适用于责任人员");
            }

            foreach (var condition in bound.When.Where(w => !item.Facts.Any(f => f.Key == w && f.Kind == FactKind.YesNo)))
            {
                problem("measures", $"{code} applies when '{TextRules.Echo(condition)}', which is no 是/否 fact of the item", $"{code}的适用条件“{TextRules.Echo(condition)}”不是本条目的是/否事实");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{1,31}$")]
    private static partial Regex FactKeyPattern();
}
