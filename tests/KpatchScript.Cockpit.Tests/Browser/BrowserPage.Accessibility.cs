using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace KpatchScript.Cockpit.Tests.Browser;

/// <summary>axe-core (Deque.AxeCore.Playwright, which injects the axe-core it ships) on the page as it is now.</summary>
internal sealed partial class BrowserPage
{
    /// <summary>The WCAG 2.0 and 2.1 success criteria of levels A and AA: the rules axe runs.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// Runs axe-core with the WCAG 2.0/2.1 A and AA rules and returns one line per element that
    /// fails a rule: "rule (impact) target: failure summary". With <paramref name="name"/>, the
    /// whole axe result (passes, incomplete, inapplicable too) goes to screenshots/axe-NAME.json.
    /// </summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(string? name = null)
    {
        var result = await ScanAsync();
        if (name is not null)
        {
            Directory.CreateDirectory(BrowserFixture.Screenshots);
            await File.WriteAllTextAsync(AxeResultPath(name), result.ToString());
        }

        return [.. result.Violations.SelectMany(rule => rule.Nodes.Select(node =>
            $"{rule.Id} ({node.Impact ?? rule.Impact}) {node.Target}: {FailureSummary(node)}"))];
    }

    /// <summary>Where AccessibilityViolationsAsync(name) writes the whole result.</summary>
    public static string AxeResultPath(string name) => Path.Combine(BrowserFixture.Screenshots, $"axe-{name}.json");

    private Task<AxeResult> ScanAsync() => Raw.RunAxe(new AxeRunOptions
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
    });

    /// <summary>axe-core's failureSummary in one line (the .NET binding does not carry it): the failed checks' messages.</summary>
    private static string FailureSummary(AxeResultNode node)
    {
        var any = (node.Any ?? []).Select(c => OneLine(c.Message)).ToList();
        var all = (node.All ?? []).Concat(node.None ?? []).Select(c => OneLine(c.Message)).ToList();
        return string.Join(" ", new[]
        {
            any.Count == 0 ? "" : $"Fix any of the following: {string.Join("; ", any)}.",
            all.Count == 0 ? "" : $"Fix all of the following: {string.Join("; ", all)}.",
        }.Where(part => part.Length > 0));
    }

    private static string OneLine(string? text) => Regex.Replace(text ?? "", @"\s+", " ").Trim();
}
