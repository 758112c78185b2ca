using System.Text.Json;
using KpatchScript.Status;
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
    public static KpatchSettings Apply(string path, JsonProperty property, KpatchSettings settings)
    {
        var downgrades = new List<Downgrade>();
        foreach (var p in Members(path, "verdict", property.Value))
        {
            if (p.Name != "downgrade")
            {
                throw ConfigFile.Invalid(path, $"unknown key 'verdict.{p.Name}' (known: verdict.downgrade)");
            }

            foreach (var code in Members(path, "verdict.downgrade", p.Value))
            {
                if (!ReasonCodes.IsKnownKey(code.Name))
                {
                    throw ConfigFile.Invalid(path, $"verdict.downgrade: '{code.Name}' is not a reason code (known: {string.Join(", ", ReasonCodes.All.Select(e => e.Code))}; the table is in src/KpatchScript.Cli/README.md)");
                }

                downgrades.Add(new Downgrade(code.Name, code.Value.ValueKind == JsonValueKind.String && VerdictWords.LevelOf(code.Value.GetString()!) is { } level and not ReasonLevel.NotCovered
                    ? level
                    : throw ConfigFile.Invalid(path, $"verdict.downgrade.{code.Name} must be \"action needed\" or \"note\", not {code.Value.GetRawText()}")));
            }
        }

        return settings with { Verdict = settings.Verdict with { Downgrades = downgrades } };
    }

    private static JsonElement.ObjectEnumerator Members(string path, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : throw ConfigFile.Invalid(path, $"{key} must be an object, not {value.GetRawText()}");
}
