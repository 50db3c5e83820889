using Credit.JointCases;

namespace Credit.Evaluation;

/// <summary>One reason a score moved, in points (negative: a deduction), with the item that causes it.</summary>
public sealed record EvaluationFactor(string Code, IncentiveItemKind ItemKind, string ItemId, int Points, string MessageZh, string MessageEn);

/// <summary>A subject's 信用评价 under one model version: its score, grade A–D and every factor that moved it.</summary>
public sealed record SubjectEvaluation(int ModelVersion, int Score, string Grade, IReadOnlyList<EvaluationFactor> Factors);
