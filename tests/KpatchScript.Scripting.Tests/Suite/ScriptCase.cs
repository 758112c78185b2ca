using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests.Suite;

/// <summary>
/// One folder of <c>tests/scripts</c> (the format is described in tests/scripts/README.md): how to
/// call kpatch-script, what to feed it, and what it must print and return.
/// </summary>
internal sealed class ScriptCase(string name)
{
    public static string Root { get; } = RepositoryPaths.Combine("tests", "scripts");

    public string Name { get; } = name;

    public string Directory { get; } = Path.Combine(Root, name);

    /// <summary>Every case folder, by name.</summary>
    public static IEnumerable<string> All() =>
        System.IO.Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>The contents of <c>stdin</c>, or null.</summary>
    public string? StandardInput => Read("stdin");

    /// <summary>
    /// The kpatch-script arguments. <c>command</c> holds one argument per line: missing, or starting
    /// with an option, it means <c>run main.csx</c> plus those options; a first line ending in
    /// <c>.csx</c> is the #! form (<c>kpatch-script main.csx ARGS</c>); <c>eval</c> and <c>repl</c> are used as is;
    /// any other verb (<c>check</c>) gets <c>main.csx</c> after it. The lines of <c>args</c> follow
    /// <c>--</c> in every form: only there does a script get a word that looks like a host option
    /// (a word that is not an option goes in <c>command</c>, after the file, and reaches Args too).
    /// </summary>
    public IReadOnlyList<string> Arguments()
    {
        var command = Lines("command");
        var shebang = command.Count > 0 && command[0].EndsWith(".csx", StringComparison.Ordinal);
        List<string> arguments = command switch
        {
            [] => ["run", "main.csx"],
            [var first, ..] when first.StartsWith('-') => ["run", "main.csx", .. command],
            [var first, ..] when shebang || first is "eval" or "repl" => [.. command],
            [var verb, .. var rest] => [verb, "main.csx", .. rest],
        };
        var args = Lines("args");
        return args.Count == 0 ? arguments : [.. arguments, "--", .. args];
    }

    /// <summary>The sysroot fixtures the arguments name as <c>{fixtures}/NAME</c>.</summary>
    public IReadOnlyList<string> Fixtures() => Lines("command").SelectMany(KpatchScriptProcess.FixturesIn).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The content of a file of the case, or null when it has none.</summary>
    public string? Read(string file) => File.Exists(Path.Combine(Directory, file)) ? File.ReadAllText(Path.Combine(Directory, file)) : null;

    public void Write(string file, string content) => File.WriteAllText(Path.Combine(Directory, file), content);

    private List<string> Lines(string file) =>
        Read(file) is { } text ? [.. text.TrimEnd('\n').Split('\n')] : [];
}
