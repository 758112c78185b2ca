namespace KpatchScript.Scripting.Tests.Nuget;

/// <summary>A fresh <see cref="NugetWorkspace"/> per test (xunit makes one instance per test and disposes it).</summary>
public abstract class NugetTestBase : IDisposable
{
    protected NugetWorkspace Workspace { get; } = new();

    public void Dispose()
    {
        Workspace.Dispose();
        GC.SuppressFinalize(this);
    }
}
