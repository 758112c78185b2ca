namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>A fresh <see cref="NuGetWorkspace"/> per test (xunit makes one instance per test and disposes it).</summary>
public abstract class NuGetTestBase : IDisposable
{
    protected NuGetWorkspace Workspace { get; } = new();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Tests that hold more (a server) release it here, before the workspace goes.</summary>
    protected virtual void Dispose(bool disposing) => Workspace.Dispose();
}
