using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

public sealed class BannedApiTests : RuleTests
{
    private const string List = """
        // site policy: scripts do not delete files or talk to the network themselves
        T:System.IO.File;ask the change board
        M:System.IO.Directory.Delete(System.String,System.Boolean)
        N:System.Net.Http
        P:System.Environment.UserName;the journal records the user
        not an entry
        """;

    protected override DiagnosticAnalyzer Analyzer => new BannedApiAnalyzer();

    protected override string Violation => """[|File|].Delete("/tmp/x");""";

    protected override string Compliant => """Console.WriteLine(Path.GetFileName("/tmp/x"));""";

    protected override IReadOnlyDictionary<string, string> AdditionalFiles => new Dictionary<string, string> { ["/etc/kpatch-script/BannedSymbols.txt"] = List };

    [Theory]
    [InlineData("""System.IO.[|File|].WriteAllText("/tmp/x", "y");""")]
    [InlineData("""Directory.[|Delete|]("/tmp/x", true);""")]
    [InlineData("""Console.WriteLine(Environment.[|UserName|]);""")]
    [InlineData("""var client = new [|System.Net.Http.HttpClient|]();""")]
    [InlineData("""System.Net.Http.[|HttpClient|] client = [|new()|];""")]
    [InlineData("""Console.WriteLine(new [|System.Net.Http.HttpRequestMessage|]().[|Content|]);""")]
    public void Each_kind_of_entry_bans_its_uses(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement), additionalFiles: AdditionalFiles);
    }

    [Theory]
    [InlineData("""Directory.Delete("/tmp/x");""")] // another overload
    [InlineData("""Console.WriteLine(Environment.MachineName);""")]
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

    [Fact]
    public void A_file_with_another_name_is_not_a_list()
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript("""File.Delete("/tmp/x");"""), additionalFiles: new Dictionary<string, string> { ["/x/notes.txt"] = List });
    }
}
