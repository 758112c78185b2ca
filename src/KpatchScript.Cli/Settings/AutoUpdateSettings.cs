using KpatchScript.Cli.CommandLine;
using KpatchScript.Operations;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script auto-update on|off|status</c>.</summary>
/// <param name="Action">on, off or status.</param>
/// <param name="Package">The options of the package verbs.</param>
/// <param name="Kernels">--kernels as given (all or current), or null.</param>
/// <param name="Service">--service as given (enable, disable or keep), or null.</param>
/// <param name="Progress">--progress (on and off): print each line dnf prints as it comes.</param>
internal sealed record AutoUpdateSettings(string Action, PackageOptionGroup Package, string? Kernels, string? Service, bool Progress) : IVerbSettings
{
    public const string Verb = "auto-update";

    public static readonly PositionalArgument ActionArgument = new("on|off|status", "on, off or status",
        "on: install patches (--kernels), enable kpatch.service;\noff: dnf kpatch manual; status: the setting, its kernels, kpatch.service");

    public static readonly Option KernelsOption = new("--kernels", "all|current",
        "on: all = current and future kernels (dnf kpatch auto, the default);\ncurrent = this kernel only (dnf kpatch manual, then install its patch)");

    public static readonly Option ServiceOption = new("--service", "enable|disable|keep",
        "kpatch.service, which loads patches at boot: on enables and starts it\n(enable, the default) or keeps it; off keeps it (keep, the default)\nor disables and stops it (disable)");

    public static readonly OptionTable Table = new(Verb, [.. PackageOptionGroup.Options, KernelsOption, ServiceOption, SharedOptions.Progress, SharedOptions.Verbose], ActionArgument);

    public static AutoUpdateSettings Parse(ArgumentReader reader, string? defaultInstallRoot)
    {
        var package = PackageOptionGroup.Parse(reader, defaultInstallRoot);
        var kernels = reader.Value(KernelsOption);
        var service = reader.Value(ServiceOption);
        var progress = reader.Flag(SharedOptions.Progress);
        return new(reader.Argument(ActionArgument), package, kernels, service, progress);
    }

    /// <summary>The choice on and off make; valid after <see cref="Validate"/>.</summary>
    public AutoUpdateChoice Choice => new(Action == "on")
    {
        Kernels = Kernels == "current" ? AutoUpdateKernels.Current : AutoUpdateKernels.All,
        Service = Service switch
        {
            "enable" => KpatchServiceChange.Enable,
            "disable" => KpatchServiceChange.Disable,
            "keep" => KpatchServiceChange.Keep,
            _ => null,
        },
    };

    public void Validate()
    {
        if (Action is not ("on" or "off" or "status"))
        {
            throw new UsageException($"{Verb} needs {ActionArgument.What}; see 'kpatch-script {Verb} --help'");
        }

        if (Kernels is not (null or "all" or "current"))
        {
            throw new UsageException($"{KernelsOption.Name} needs all or current, not '{Kernels}'");
        }

        if (Kernels is not null && Action != "on")
        {
            throw new UsageException($"{KernelsOption.Name} is for '{Verb} on' only: off stops automatic installation for every kernel");
        }

        if (Progress && Action == "status")
        {
            throw new UsageException($"{SharedOptions.Progress.Name} is for '{Verb} on' and '{Verb} off' only: status changes nothing and prints at once");
        }

        var allowed = Action == "on" ? "enable or keep" : "disable or keep";
        if (Service is not null && (Action == "status" || !allowed.Split(" or ").Contains(Service)))
        {
            throw new UsageException(Action == "status"
                ? $"{ServiceOption.Name} is for '{Verb} on' and '{Verb} off' only"
                : $"{ServiceOption.Name} of '{Verb} {Action}' needs {allowed}, not '{Service}'");
        }
    }
}
