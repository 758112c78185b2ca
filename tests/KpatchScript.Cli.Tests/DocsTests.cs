using System.Text.RegularExpressions;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// The docs (issue 18): a short root README, a README in every component folder, and links that
/// stay in the repository and resolve, anchors included (GitHub's heading slugs).
/// </summary>
public sealed partial class DocsTests
{
    /// <summary>The folders a newcomer opens; each says what it holds.</summary>
    private static readonly string[] Folders =
    [
        "src", "src/KpatchScript.Abstractions", "src/KpatchScript.Analyzers", "src/KpatchScript.Cli", "src/KpatchScript.Core",
        "src/KpatchScript.PluginHost", "src/KpatchScript.Reporting", "src/KpatchScript.Scripting", "src/KpatchScript.Testing",
        "src/cockpit", "src/packaging", "src/prometheus", "src/ansible", "plugins", "plugins/Prometheus", "plugins/Webhook", "plugins/PluginTemplate",
        "templates", "scripts", "tests", "tests/benchmarks", "tests/fixtures", "tests/fixtures/sysroots", "tests/fixtures/rpm",
        "tests/lab", "tests/plugins", "tests/scripts", "tests/KpatchScript.TestFixtures",
    ];

    public static TheoryData<string> ComponentFolders() => new(Folders);

    [Fact]
    public void The_root_readme_is_under_300_lines()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("README.md")).Length;

        Assert.True(lines < 300, $"README.md has {lines} lines");
    }

    [Theory]
    [MemberData(nameof(ComponentFolders))]
    public void A_component_folder_has_its_readme(string folder) =>
        Assert.True(File.Exists(RepositoryPaths.Combine([.. folder.Split('/'), "README.md"])), $"{folder}/README.md is missing");

    [Fact]
    public void Every_project_under_src_and_plugins_is_a_listed_component_folder()
    {
        var projects = Directory.GetFiles(RepositoryPaths.Combine("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepositoryPaths.Combine("plugins"), "*.csproj", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(RepositoryPaths.Root, Path.GetDirectoryName(p)!).Replace('\\', '/'));
        var listed = Folders.ToHashSet(StringComparer.Ordinal);

        Assert.All(projects, p => Assert.Contains(p, listed));
    }

    [Fact]
    public void Every_markdown_link_stays_in_the_repository_and_resolves()
    {
        var problems = new List<string>();
        foreach (var file in MarkdownFiles())
        {
            var text = Prose(File.ReadAllText(file));
            var name = Path.GetRelativePath(RepositoryPaths.Root, file);
            problems.AddRange(ExternalUrl().Matches(text).Select(m => $"{name}: links outside the repository: {m.Value}"));
            foreach (Match link in Link().Matches(text))
            {
                var target = link.Groups["target"].Value;
                if (ExternalUrl().IsMatch(target))
                {
                    continue; // reported above
                }

                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? target : target[..hash];
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
                if (path.StartsWith('/') || !resolved.StartsWith(RepositoryPaths.Root, StringComparison.Ordinal) || !Path.Exists(resolved))
                {
                    problems.Add($"{name}: {target} does not name a file of the repository");
                }
                else if (anchor is not null && !(resolved.EndsWith(".md", StringComparison.Ordinal) && Anchors(File.ReadAllText(resolved)).Contains(anchor)))
                {
                    problems.Add($"{name}: {target}: no heading '#{anchor}' in {Path.GetRelativePath(RepositoryPaths.Root, resolved)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The repository's markdown, but for what the build and the tests make and what is not prose (templates and their golden outputs).</summary>
    private static IEnumerable<string> MarkdownFiles() =>
        Directory.GetFiles(RepositoryPaths.Root, "*.md", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(RepositoryPaths.Root, f).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or ".git" or "templates" or "Golden" or "node_modules" || part.StartsWith('.')))
            .Order(StringComparer.Ordinal);

    /// <summary>The text without fenced code blocks and code spans, where neither links nor URLs are links.</summary>
    private static string Prose(string markdown) => CodeSpan().Replace(Fence().Replace(markdown, ""), "");

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    internal static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(Fence().Replace(markdown, "")))
        {
            var slug = NotSlug().Replace(heading.Groups["text"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    [Fact]
    public void Anchors_are_github_slugs()
    {
        var anchors = Anchors("# A `b`: c, d\n```\n# not a heading\n```\n## Repeat\n### Repeat\n");

        Assert.Equal(["a-b-c-d", "repeat", "repeat-1"], anchors.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(https?|ftp)://\S+|\bwww\.\S+", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+?)[ \t#]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}_\- ]")]
    private static partial Regex NotSlug();
}
