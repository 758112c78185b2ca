using KpatchScript.Alerts;

namespace KpatchScript.Reporting.Alerts;

/// <summary>What the rules found in one status and verification, before deduplication.</summary>
/// <param name="Problems">Every problem present (firing, <see cref="Alert.Since"/> = now until the state says otherwise).</param>
/// <param name="Undetermined">Rules that could not judge, and why (their earlier alerts neither fire again nor resolve).</param>
public sealed record RuleEvaluation(IReadOnlyList<Alert> Problems, IReadOnlyList<UndeterminedRule> Undetermined);

/// <summary>A rule that could not judge this time: what it needed was unknown.</summary>
public sealed record UndeterminedRule(string Rule, string Reason);
