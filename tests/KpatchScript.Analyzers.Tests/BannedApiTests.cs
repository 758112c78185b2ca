using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

/// <summary>
/// KPS1009 reports what Microsoft's BannedApiAnalyzers (RS0030) reports for the same list, at the
/// same place (the operation that uses the banned API), in script top-level statements too.
/// </summary>
public sealed class BannedApiTests : RuleTests
{
    private const string List = """
        // site policy: scripts do not delete files or talk to the network themselves
        T:System.IO.File;ask the change board
        M:System.IO.Directory.Delete(System.String,System.Boolean)
        N:System.Net.Http
        P:System.Environment.UserName;the journal records the user
        F:System.String.Empty
        E:System.Console.CancelKeyPress
        M:System.IO.Stream.Flush
        M:System.DateTime.op_Subtraction(System.DateTime,System.DateTime)
        M:System.TimeSpan.op_UnaryNegation(System.TimeSpan)
        M:System.Numerics.BigInteger.op_Increment(System.Numerics.BigInteger)
        M:System.Numerics.BigInteger.op_Explicit(System.Numerics.BigInteger)~System.Int32
        M:System.Numerics.BigInteger.op_Implicit(System.Int32)~System.Numerics.BigInteger
        T:System.ObsoleteAttribute
        not an entry
        """;

    private static readonly Dictionary<string, string> s_list = new() { ["/etc/kpatch-script/BannedSymbols.txt"] = List };

    protected override DiagnosticAnalyzer Analyzer => new BannedApiAnalyzer();

    protected override string Violation => """[|File.Delete("/tmp/x")|];""";

    protected override string Compliant => """Console.WriteLine(Path.GetFileName("/tmp/x"));""";

    protected override IReadOnlyDictionary<string, string> AdditionalFiles => s_list;

    [Theory]
    [InlineData("""[|System.IO.File.WriteAllText("/tmp/x", "y")|];""")]
    [InlineData("""[|Directory.Delete("/tmp/x", true)|];""")]
    [InlineData("""Console.WriteLine([|Environment.UserName|]);""")]
    [InlineData("""Console.WriteLine([|string.Empty|]);""")]
    [InlineData("""[|Console.CancelKeyPress|] += (sender, e) => { };""")]
    [InlineData("""var client = [|new System.Net.Http.HttpClient()|];""")]
    [InlineData("""System.Net.Http.HttpClient client = [|new()|];""")]
    [InlineData("""Console.WriteLine([|[|new System.Net.Http.HttpRequestMessage()|].Content|]);""")]
    public void Each_kind_of_entry_bans_its_uses(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement), additionalFiles: AdditionalFiles);
    }

    [Theory]
    [InlineData("""Console.WriteLine([|DateTime.Now - DateTime.Now|]);""")] // binary operator
    [InlineData("""Console.WriteLine([|-TimeSpan.Zero|]);""")] // unary operator
    [InlineData("""var big = System.Numerics.BigInteger.One; [|big++|];""")] // increment operator
    [InlineData("""var big = System.Numerics.BigInteger.One; Console.WriteLine([|(int)big|]);""")] // explicit conversion
    [InlineData("""Console.WriteLine(System.Numerics.BigInteger.Abs([|5|]));""")] // implicit conversion
    [InlineData("""[|new MemoryStream().Flush()|];""")] // an override of a banned method
    [InlineData("""class Client : [|System.Net.Http.HttpClient|] { }""")] // a type derived from a banned one
    [InlineData("""[[|Obsolete|]] class Old { }""")] // an attribute
    [InlineData("""Console.WriteLine([|typeof(File)|]);""")]
    [InlineData("""Console.WriteLine([|new System.Net.Http.HttpClient[2]|].Length);""")] // an array of a banned type
    [InlineData("""Console.WriteLine([|[|new System.Collections.Generic.List<System.Net.Http.HttpClient>()|].Count|]);""")] // a type argument
    public void Operators_conversions_overrides_attributes_and_type_uses_are_reported_as_RS0030_reports_them(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement), additionalFiles: AdditionalFiles);
    }

    [Theory]
    [InlineData("""if (args.Length > 0) { [|File.Delete("/tmp/x")|]; }""")]
    [InlineData("""await Task.Run(() => [|File.Delete("/tmp/x")|]);""")]
    [InlineData("""void Clean() { [|File.Delete("/tmp/x")|]; }""")] // a top-level local function is a method of the script
    [InlineData("""var gone = [|File.Exists("/tmp/x")|];""")] // a top-level variable is a field of the script
    public void Script_top_level_code_is_reported_once(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript("var args = new string[0];\n" + statement), additionalFiles: AdditionalFiles);
    }

    [Fact]
    public void A_cref_to_a_banned_type_is_reported()
    {
        AnalyzerRunner.VerifyRegular(Analyzer, "using System.IO;\n/// <summary>Not <see cref=\"[|File|]\"/>.</summary>\npublic static class Docs { }\n", AdditionalFiles);
    }

    [Theory]
    [InlineData("""Directory.Delete("/tmp/x");""")] // another overload
    [InlineData("""Console.WriteLine(Environment.MachineName);""")]
    [InlineData("""Console.WriteLine(DateTime.Now + TimeSpan.Zero);""")] // another operator of the type
    [InlineData("""Console.WriteLine(1 + 2 - -3);""")] // built-in operators use no method
    [InlineData("""System.Net.Http.HttpClient? none = null; Console.WriteLine(none is null);""")] // a declared type alone is no use, as for RS0030
    public void What_the_list_does_not_name_is_not_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement), additionalFiles: AdditionalFiles);
    }

    [Theory]
    [InlineData("T:System.IO.File;ask the change board", null)]
    [InlineData("  M:System.IO.File.Delete(System.String)  // cleanup", null)]
    [InlineData("// a comment", null)]
    [InlineData("", null)]
    [InlineData("System.IO.File", "'System.IO.File' is not an entry: write a documentation comment id such as T:System.IO.File, M:System.IO.File.Delete(System.String), P:, F:, E: or N:System.Net, optionally followed by ';' and a message")]
    [InlineData("X:System.IO.File", "'X:System.IO.File' is not an entry: write a documentation comment id such as T:System.IO.File, M:System.IO.File.Delete(System.String), P:, F:, E: or N:System.Net, optionally followed by ';' and a message")]
    public void Lines_of_a_list_are_checked_where_it_is_configured(string line, string? problem)
    {
        Assert.Equal(problem, BannedSymbolsFormat.Problem(line));
    }

    [Fact]
    public void Without_a_list_nothing_is_banned()
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript("""File.Delete("/tmp/x");"""));
    }

    // The names RS0030 reads: BannedSymbols.txt and BannedSymbols.*.txt, case-sensitively.
    [Theory]
    [InlineData("/x/BannedSymbols.txt", true)]
    [InlineData("/x/BannedSymbols.site.txt", true)]
    [InlineData("/x/site.BannedSymbols.txt", false)]
    [InlineData("/x/bannedsymbols.txt", false)]
    [InlineData("/x/notes.txt", false)]
    public void A_list_is_read_from_the_files_BannedApiAnalyzers_reads(string path, bool isList)
    {
        var markup = isList ? """[|File.Delete("/tmp/x")|];""" : """File.Delete("/tmp/x");""";
        AnalyzerRunner.VerifyScript(Analyzer, InScript(markup), additionalFiles: new Dictionary<string, string> { [path] = List });
    }
}
