using KpatchScript.IO;

namespace KpatchScript.Core.Tests.Files;

/// <summary>
/// <see cref="DirectoryNames"/> lists with readdir instead of Directory.EnumerateFileSystemEntries
/// (start-up time); it must give the same names, and the same exception types when it cannot.
/// </summary>
public sealed class DirectoryNamesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kps-names-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Lists_every_entry_as_the_runtime_does_including_hidden_links_and_UTF8_names()
    {
        File.WriteAllText(Path.Combine(_root, "enabled"), "1\n");
        File.WriteAllText(Path.Combine(_root, ".hidden"), "");
        Directory.CreateDirectory(Path.Combine(_root, "vmlinux"));
        Directory.CreateDirectory(Path.Combine(_root, "kpatch_5_14_0,1"));
        File.WriteAllText(Path.Combine(_root, "naïve-€-名前"), "");
        File.CreateSymbolicLink(Path.Combine(_root, "dangling"), "/nonexistent/target");

        var expected = Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var names = DirectoryNames.Of(_root);

        Assert.Equal(expected, names.Order(StringComparer.Ordinal));
        Assert.Equal(6, names.Count);
    }

    [Fact]
    public void An_empty_directory_has_no_names() =>
        Assert.Empty(DirectoryNames.Of(_root));

    [Fact]
    public void A_missing_directory_fails_as_the_runtime_fails()
    {
        var missing = Path.Combine(_root, "missing");

        var ours = Assert.Throws<DirectoryNotFoundException>(() => DirectoryNames.Of(missing));
        Assert.Throws<DirectoryNotFoundException>(() => Directory.EnumerateFileSystemEntries(missing).ToList());
        Assert.Contains(missing, ours.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_is_not_a_directory()
    {
        var file = Path.Combine(_root, "enabled");
        File.WriteAllText(file, "1\n");

        var ours = Assert.ThrowsAny<IOException>(() => DirectoryNames.Of(file));
        Assert.ThrowsAny<IOException>(() => Directory.EnumerateFileSystemEntries(file).ToList());
        Assert.Contains(file, ours.Message, StringComparison.Ordinal);
    }
}
