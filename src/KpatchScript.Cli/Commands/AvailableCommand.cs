using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Settings;
using KpatchScript.Operations;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script available</c>: live patches in the repositories newer than what is installed.</summary>
internal sealed class AvailableCommand : ICliCommand
{
    public string Name => AvailableSettings.Verb;

    public string Summary => "List live patches in the repositories that are newer than what is installed, with the CVEs they add";

    public OptionTable Options => AvailableSettings.Table;

    public string Help => HelpText.Of(Options, """
        For the running kernel and every installed kernel: the newest kpatch-patch package in the
        enabled repositories, when it is newer than the installed one (or none is installed), with
        the CVEs its changelog names and those it adds to the installed version. Read-only.

        First it says whether the running kernel gets live patches at all: it is kpatch-eligible when
        an enabled repository has a package providing "kpatch-patch = <release>" (Red Hat's initial
        0-0 counts); a kernel that is not is told the newest eligible kernel to install instead.

        An empty list is an answer only when the repositories could have had one: with no enabled
        repository, or none that carries kpatch-patch packages, which live patches exist is unknown,
        and available says so and fails (with --json: "available": {"unknown": reason}).
        """, """
        (available only reads: with or without --dry-run it changes nothing.)

        Exit codes: 0 listed (possibly nothing), 1 could not tell (one line on stderr: an unreachable or
        missing repository, dnf failing), 2 wrong command line.
        """);

    public static AvailableSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        AvailableSettings.Table.Read(arguments, reader => AvailableSettings.Parse(reader, environment.Defaults.InstallRoot));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment).Package;
        var facade = new KpatchFacade(environment.Open(settings.Target), environment.Time, environment.Settings);
        var options = new PackageOptions { InstallRoot = settings.InstallRoot, KernelRelease = settings.KernelRelease };
        var answers = OperationView.WithProgress(environment, settings.Json, "dnf repoquery", _ => facade.AskRepositories(options, cancellationToken));
        var available = answers.Updates;
        if (settings.Json)
        {
            environment.Out.WriteLine(OperationJson.Write(available, answers.Eligibility));
        }

        if (!available.IsKnown)
        {
            environment.Error.WriteLine($"kpatch-script: error: {SafeText.Of(available.UnknownReason)}");
            return ExitCodes.Failure;
        }

        if (settings.Json)
        {
            return ExitCodes.Ok;
        }

        environment.Out.WriteLine(SafeText.Of(EligibilityLine(answers.Eligibility)));
        if (available.Value!.Count == 0)
        {
            environment.Out.WriteLine("No newer live patches are available.");
        }
        else
        {
            foreach (var patch in available.Value)
            {
                environment.Out.WriteLine(SafeText.Of(
                    $"{patch.Name}-{patch.EpochVersionRelease}.{patch.Arch}  kernel {patch.KernelRelease}{(patch.ForRunningKernel ? " (running)" : "")}  " +
                    $"installed: {patch.InstalledVersion ?? "none"}  adds: {(patch.NewCves.Count == 0 ? "no new CVE" : string.Join(", ", patch.NewCves))}"));
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>One line: does the kernel get live patches at all, since when, or what to install instead.</summary>
    internal static string EligibilityLine(Status.Reading<Status.KernelEligibility> eligibility) => eligibility switch
    {
        { IsKnown: false } => $"Whether this kernel gets live patches at all is unknown: {eligibility.UnknownReason}.",
        { Value.Eligible: true } => $"Kernel {eligibility.Value!.Kernel} is kpatch-eligible: live patches since {eligibility.Value.FirstPackageBuilt} ({eligibility.Value.Packages[0]}).",
        _ => $"Kernel {eligibility.Value!.Kernel} gets no live patches (not kpatch-eligible): {eligibility.Value.Remedy}.",
    };
}
