using Credit.Catalogue;
using Credit.Disclosure;

namespace Credit.Evaluation;

/// <summary>Points off for a published penalty of <see cref="Class"/> decided within the last <see cref="WithinMonths"/> months.</summary>
public sealed record PenaltyDeduction(PenaltyClass Class, int WithinMonths, int Points);

/// <summary>The lowest score of grades A, B and C; below <see cref="C"/> is D.</summary>
public sealed record GradeThresholds(int A, int B, int C);

/// <summary>
/// The rules of 信用评价 (京政发〔2017〕15号 二(一)2: 信用评价 and 分类监管 by credit; 二(二)1 and 二(三)1: good credit is
/// inspected less, bad credit more), as data the supervising office changes by version: a subject starts at
/// <see cref="BaseScore"/>; a published penalty takes the points of the first row of <see cref="Penalties"/> that
/// matches its class and age; a black or watch-list entry standing takes <see cref="BlackList"/> or
/// <see cref="WatchList"/>, and one that left its list (not repaired, not found wrong) within <see cref="ListedWithinMonths"/>
/// takes <see cref="RecentlyListed"/>; a commitment broken within <see cref="BrokenCommitmentMonths"/> takes
/// <see cref="BrokenCommitment"/>, a 容缺 commitment past its due day <see cref="OverdueCommitment"/>; a red-list entry
/// standing gives <see cref="RedList"/>, each commitment kept within <see cref="BrokenCommitmentMonths"/> gives
/// <see cref="KeptCommitment"/>, at most <see cref="KeptCommitmentsCap"/> in all. The score stays within 0–100.
/// <see cref="PublishOrganisationGrades"/>: whether the public portal shows an organisation's grade (see <see cref="IsPublic"/>).
/// </summary>
public sealed record EvaluationModel(
    int Version,
    int BaseScore,
    IReadOnlyList<PenaltyDeduction> Penalties,
    int BlackList,
    int WatchList,
    int RecentlyListed,
    int ListedWithinMonths,
    int BrokenCommitment,
    int BrokenCommitmentMonths,
    int OverdueCommitment,
    int RedList,
    int KeptCommitment,
    int KeptCommitmentsCap,
    GradeThresholds Grades,
    bool PublishOrganisationGrades = true,
    DateTimeOffset? AdoptedAt = null,
    string? AdoptedBy = null)
{
    /// <summary>Version 1, in force until the office adopts another.</summary>
    public static readonly EvaluationModel Default = new(
        1, 80,
        [
            new(PenaltyClass.Serious, 12, 30), new(PenaltyClass.Serious, 36, 15),
            new(PenaltyClass.General, 12, 10), new(PenaltyClass.General, 36, 5),
            new(PenaltyClass.Minor, 12, 2),
        ],
        BlackList: 40, WatchList: 20, RecentlyListed: 10, ListedWithinMonths: 36, BrokenCommitment: 15, BrokenCommitmentMonths: 36, OverdueCommitment: 5,
        RedList: 10, KeptCommitment: 2, KeptCommitmentsCap: 6, new GradeThresholds(90, 70, 50));

    /// <summary>The grades, best first.</summary>
    public static readonly IReadOnlyList<string> GradeNames = ["A", "B", "C", "D"];

    /// <summary>How many of <paramref name="grades"/> stand at each grade, every grade named (0 where none).</summary>
    public static SortedDictionary<string, int> CountByGrade(IEnumerable<string> grades)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var grade in GradeNames)
        {
            counts[grade] = 0;
        }

        foreach (var grade in grades)
        {
            counts[grade] = counts.GetValueOrDefault(grade) + 1;
        }

        return counts;
    }

    /// <summary>
    /// Whether a subject's grade (never its score or factors) is shown to the public. The seed leaves it to the rules:
    /// the office decides for organisations by this model; a natural person's grade is personal information, which its
    /// processor may not make public without the person's separate consent (《个人信息保护法》第二十五条), so never.
    /// </summary>
    public bool IsPublic(string subjectKey) => PublishOrganisationGrades && !Identifiers.SubjectKeys.IsPersonKey(subjectKey);

    /// <summary>The grade of a score.</summary>
    public string GradeOf(int score) => score >= Grades.A ? "A" : score >= Grades.B ? "B" : score >= Grades.C ? "C" : "D";

    /// <summary>Every rule the model breaks, with the field it is in; none for a model that can be adopted.</summary>
    public IReadOnlyList<ItemProblem> Check()
    {
        var problems = new List<ItemProblem>();
        void Points(string field, int value)
        {
            if (value is < 0 or > 100)
            {
                problems.Add(new(field, $"{field} must be 0 to 100 points, got {value}", $"{field}应为0至100分，实际为{value}"));
            }
        }

        void Months(string field, int value)
        {
            if (value is < 1 or > 120)
            {
                problems.Add(new(field, $"{field} must be 1 to 120 months, got {value}", $"{field}应为1至120个月，实际为{value}"));
            }
        }

        Points("baseScore", BaseScore);
        if (Penalties is not { Count: >= 1 and <= 20 })
        {
            problems.Add(new("penalties", "penalties must have 1 to 20 rows (class, withinMonths, points)", "penalties应有1至20行（处罚类别、月数、扣分）"));
        }
        else
        {
            for (var i = 0; i < Penalties.Count; i++)
            {
                if (Penalties[i] is not { } row || !Enum.IsDefined(row.Class))
                {
                    problems.Add(new($"penalties[{i}].class", "class must be Minor, General or Serious", "处罚类别应为Minor、General或Serious"));
                    continue;
                }

                Months($"penalties[{i}].withinMonths", row.WithinMonths);
                Points($"penalties[{i}].points", row.Points);
            }
        }

        foreach (var (field, value) in new[]
        {
            ("blackList", BlackList), ("watchList", WatchList), ("recentlyListed", RecentlyListed), ("brokenCommitment", BrokenCommitment),
            ("overdueCommitment", OverdueCommitment), ("redList", RedList), ("keptCommitment", KeptCommitment), ("keptCommitmentsCap", KeptCommitmentsCap),
        })
        {
            Points(field, value);
        }

        Months("listedWithinMonths", ListedWithinMonths);
        Months("brokenCommitmentMonths", BrokenCommitmentMonths);
        if (Grades is null || !(Grades.A > Grades.B && Grades.B > Grades.C && Grades.C > 0 && Grades.A <= 100))
        {
            problems.Add(new("grades", "grades must rise: 0 < c < b < a ≤ 100", "等级分数线应满足 0 < C < B < A ≤ 100"));
        }

        return problems;
    }
}
