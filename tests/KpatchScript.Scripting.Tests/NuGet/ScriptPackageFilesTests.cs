using KpatchScript.Scripting.NuGet;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>Which files of an extracted package a <c>#load "nuget:"</c> loads, by dotnet-script's rules, on real folders.</summary>
public sealed class ScriptPackageFilesTests : IDisposable
{
    private readonly string _package = Directory.CreateTempSubdirectory("kps-scriptfiles-").FullName;

    public void Dispose() => Directory.Delete(_package, recursive: true);

    private void Write(params string[] files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(_package, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "// script\n");
        }
    }

    private IEnumerable<string> Found() => ScriptPackageFiles.Find(_package).Select(f => Path.GetRelativePath(_package, f));

    [Fact]
    public void Any_wins_over_netstandard_and_other_frameworks_are_never_taken()
    {
        Write("contentFiles/csx/netstandard2.0/main.csx", "contentFiles/csx/any/main.csx", "contentFiles/csx/net8.0/main.csx");

        Assert.Equal(["contentFiles/csx/any/main.csx"], Found());
    }

    [Fact]
    public void Netstandard_is_taken_when_there_is_no_any()
    {
        Write("contentFiles/csx/netstandard2.0/tool.csx", "contentFiles/csx/net8.0/main.csx");

        Assert.Equal(["contentFiles/csx/netstandard2.0/tool.csx"], Found());
    }

    [Fact]
    public void Every_root_file_is_loaded_in_ordinal_order_main_csx_too_and_subfolders_are_not()
    {
        Write("contentFiles/csx/any/main.csx", "contentFiles/csx/any/B.csx", "contentFiles/csx/any/a.csx", "contentFiles/csx/any/sub/deep.csx");

        Assert.Equal(["contentFiles/csx/any/B.csx", "contentFiles/csx/any/a.csx", "contentFiles/csx/any/main.csx"], Found());
    }

    [Fact]
    public void Content_csx_counts_beside_contentFiles_and_nothing_counts_without_contentFiles()
    {
        Write("content/csx/any/old.csx");
        Assert.Empty(Found());

        Write("contentFiles/cs/any/Code.cs");
        Assert.Equal(["content/csx/any/old.csx"], Found());
    }

    [Fact]
    public void The_framework_folders_that_hold_scripts_are_named_for_the_error()
    {
        Write("contentFiles/csx/net8.0/a.csx", "contentFiles/csx/net6.0/b.csx", "tools/install.csx");

        Assert.Empty(Found());
        Assert.Equal(["net6.0", "net8.0"], ScriptPackageFiles.FrameworkFolders(_package));
    }
}
