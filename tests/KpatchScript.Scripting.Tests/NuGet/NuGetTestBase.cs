namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>A fresh <see cref="NuGetWorkspace"/> per test (xunit makes one instance per test and disposes it).</summary>
public abstract class NuGetTestBase : IDisposable
{
    protected NuGetWorkspace Workspace { get; } = new();

    public void Dispose()
    {
        Workspace.Dispose();
        GC.SuppressFinalize(this);
    }
}
