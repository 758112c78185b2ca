using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

public sealed class LiteralKernelReleaseTests : RuleTests
{
    protected override DiagnosticAnalyzer Analyzer => new LiteralKernelReleaseAnalyzer();

    protected override string Violation => """Console.WriteLine(await kp.InstallAsync(new PackageOptions { KernelRelease = [|"5.14.0-427.13.1.el9_4.x86_64"|] }));""";

    protected override string Compliant => """var status = await kp.DetectAsync(); var r = await kp.InstallAsync(new PackageOptions { KernelRelease = status.Kernel.Running.Value });""";

    [Theory]
    [InlineData("""const string Release = "5.14.0-362.8.1.el9_3.x86_64"; var o = new PackageOptions { KernelRelease = [|Release|] };""")]
    [InlineData("""var o = new PackageOptions() with { KernelRelease = [|"4.18.0-513.5.1.el8_9.x86_64"|] };""")]
    public void Literal_releases_in_options_are_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }

    [Fact]
    public void Literal_release_for_a_kernelRelease_parameter_of_a_facade_implementation_is_reported()
    {
        AnalyzerRunner.VerifyRegular(Analyzer, """
            using System.Threading.Tasks;
            using KpatchScript;

            public abstract class PinningFacade : IKpatchFacade
            {
                public abstract string Target { get; }
                public abstract Task<KpatchScript.Status.HostStatus> DetectAsync(System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Verification.VerificationReport> VerifyAsync(System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> InstallAsync(KpatchScript.Operations.PackageOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> UpdateAsync(KpatchScript.Operations.PackageOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> RemoveAsync(KpatchScript.Operations.PackageOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> DowngradeAsync(KpatchScript.Operations.PackageOptions? options = null, string? toVersion = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Status.Reading<System.Collections.Generic.IReadOnlyList<KpatchScript.Operations.AvailablePatch>>> ListAvailableAsync(KpatchScript.Operations.PackageOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> SetAutoUpdateAsync(bool enabled, KpatchScript.Operations.PackageOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> SetAutoUpdateAsync(KpatchScript.Operations.AutoUpdateChoice choice, KpatchScript.Operations.PackageOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> LoadAsync(string modulePath, KpatchScript.Operations.LoadOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> UnloadAsync(string patch, KpatchScript.Operations.RevertAcknowledgement acknowledgement, KpatchScript.Operations.UnloadOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> LoadAllAsync(KpatchScript.Operations.LoadOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Operations.OperationResult> UnloadAllAsync(KpatchScript.Operations.RevertAcknowledgement acknowledgement, KpatchScript.Operations.UnloadOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task<KpatchScript.Status.Reading<KpatchScript.Modules.PatchModuleDetails>> InfoAsync(string patchModule, System.Threading.CancellationToken cancellationToken = default);
                public abstract Task PinAsync(string kernelRelease);

                public Task Use() => PinAsync([|"5.14.0-427.el9.x86_64"|]);
                public Task Other(string name) => PinAsync(name);
            }
            """);
    }

    [Theory]
    [InlineData("""var o = new PackageOptions { KernelRelease = "latest" };""")]
    [InlineData("""var label = "5.14.0-427.el9.x86_64";""")]
    public void Non_releases_and_strings_not_passed_to_the_facade_are_not_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }
}
