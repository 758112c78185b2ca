using System.Text.Json;
using KpatchScript.Verdicts;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// The <c>verdict</c> object of the configuration: <c>{"downgrade": {"&lt;code&gt;": "action needed" | "note"}}</c>.
/// A site that accepts a finding (a dev box that is never live patched: <c>livepatch-unsupported</c>)
/// says so here; nothing is accepted by default. A key names a reason code of the verdict table or a
/// check prefix (<c>check-failed:module-vermagic</c>); an unknown one is an error, so a typo never
/// silently accepts nothing (or everything).
/// </summary>
internal static class VerdictConfig
{
    public static List<Downgrade> Downgrades(ConfigValue verdict)
    {
        var downgrades = new List<Downgrade>();
        foreach (var p in verdict.Members())
        {
            if (p.Name != "downgrade")
            {
                throw p.Invalid($"unknown key '{p.Key}' (known: verdict.downgrade)");
            }

            foreach (var code in p.Members())
            {
                if (!ReasonCodes.IsKnownKey(code.Name))
                {
                    throw code.Invalid($"verdict.downgrade: '{code.Name}' is not a reason code (known: {string.Join(", ", ReasonCodes.All.Select(e => e.Code))}; the table is in src/KpatchScript.Cli/README.md)");
                }

                downgrades.Add(new Downgrade(code.Name, code.Value.ValueKind == JsonValueKind.String && VerdictWords.LevelOf(code.Value.GetString()!) is { } level and not ReasonLevel.NotCovered
                    ? level
                    : throw code.Invalid($"{code.Key} must be \"action needed\" or \"note\", not {code.Value.GetRawText()}")));
            }
        }

        return downgrades;
    }
}
