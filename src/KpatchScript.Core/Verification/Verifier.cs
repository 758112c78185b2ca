using KpatchScript.Detection;
using KpatchScript.Loading;
using KpatchScript.Plugins;
using KpatchScript.Status;
using KpatchScript.Verdicts;

namespace KpatchScript.Verification;

/// <summary>
/// Named checks over a detected status. On a live target a patch in transition is watched for
/// up to the threshold before it counts as stalled; a captured tree cannot change, so there the
/// transition is judged as captured. Without <paramref name="watchTransitions"/> (reports and
/// alert runs, which must not sit for a minute) a live transition is judged as it is at that moment.
/// The report carries the one verdict, judged over the final status and these checks.
/// </summary>
internal sealed partial class Verifier(HostReader reader, TimeProvider time, TimeSpan transitionThreshold, VerdictOptions verdictOptions, bool watchTransitions = true)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="status">The status detected.</param>
    /// <param name="redetect">Detects again (while a transition is watched).</param>
    /// <param name="extra">Checks run after the built-in ones (plugins' own), on the final status.</param>
    public VerificationReport Verify(HostStatus status, Func<HostStatus> redetect, IReadOnlyList<IVerificationCheck> extra)
    {
        status = WaitForTransitions(status, redetect);
        VerificationCheck[] builtIn =
        [
            InstalledModulesLoaded(status),
            PatchesEnabled(status),
            Transitions(status),
            ObjectsPatched(status),
            TaintMatches(status),
            .. ModulesBuiltForRunningKernel(status),
            ModuleSignatures(status),
            Reboot(status),
        ];

        // Started together, then awaited in order: the host's plugin checks run in processes of their plugins', so the checks of several plugins run at once, each under its own timeout.
        var started = new List<(IVerificationCheck Check, Task<VerificationCheck> Result)>(extra.Count);
        foreach (var check in extra)
        {
            started.Add((check, Start(check, status)));
        }

        // A loop, not Select over the tuples: LINQ over a value tuple is compiled at run time on every
        // status (no ReadyToRun code for it), and status's start-up is benchmarked.
        var unanswered = new List<string>();
        var checks = new List<VerificationCheck>(builtIn.Length + started.Count);
        checks.AddRange(builtIn);
        foreach (var (check, result) in started)
        {
            checks.Add(Finish(check, result, unanswered));
        }

        return new VerificationReport(status.Target, VerificationReport.ResultOf(checks), checks, VerdictJudge.Judge(status, checks, verdictOptions)) { Unanswered = unanswered };
    }

    private Task<VerificationCheck> Start(IVerificationCheck check, HostStatus status)
    {
        try
        {
            return check.CheckAsync(new VerificationCheckContext(status, reader.Host, time), reader.CancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<VerificationCheck>(ex);
        }
    }

    /// <summary>
    /// One extra check's result. The host's plugin checks come isolated (a timeout, and failures as
    /// results); any other check still cannot crash verify: what it throws becomes its failed result.
    /// A check that got no answer (<see cref="CheckNotAnsweredException"/>) fails and is named in <paramref name="unanswered"/>.
    /// </summary>
    private static VerificationCheck Finish(IVerificationCheck check, Task<VerificationCheck> running, List<string> unanswered)
    {
        VerificationCheck? result;
        try
        {
            result = running.GetAwaiter().GetResult();
        }
        catch (CheckNotAnsweredException ex)
        {
            unanswered.Add(check.Name);
            return new(check.Name, CheckResult.Fail, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new(check.Name, CheckResult.Fail, $"the check threw {ex.GetType().FullName}: {ex.Message.Split('\n')[0].Trim()}");
        }

        return result is null
            ? new(check.Name, CheckResult.Fail, "the check returned no result")
            : result with { Name = check.Name, Detail = string.IsNullOrWhiteSpace(result.Detail) ? $"{result.Result.ToString().ToLowerInvariant()} (the check gave no detail)" : result.Detail };
    }

    private HostStatus WaitForTransitions(HostStatus status, Func<HostStatus> redetect)
    {
        if (reader.Host.IsReadOnly || !watchTransitions)
        {
            return status;
        }

        var deadline = time.GetUtcNow() + transitionThreshold;
        while (InTransition(status).Count > 0 && time.GetUtcNow() < deadline)
        {
            Task.Delay(PollInterval, time).GetAwaiter().GetResult();
            status = redetect();
        }

        return status;
    }

    // List's own FindAll and ConvertAll, not LINQ: status verifies on its start-up path, and
    // System.Linq's first use cost 2 ms of it (tests/benchmarks/README.md, "2026-12-06, sixth").
    private static List<LivepatchPatch> Patches(HostStatus status) => new(status.Livepatch.Patches.GetValueOrDefault([])!);

    private static List<LivepatchPatch> InTransition(HostStatus status) =>
        Patches(status).FindAll(p => p.Transition is { IsKnown: true, Value: true });

    private static VerificationCheck? Unsupported(string name, HostStatus status) =>
        status.Livepatch.Support switch
        {
            { IsKnown: false } s => new(name, CheckResult.Skip, $"livepatch support is unknown: {s.UnknownReason}"),
            { Value.Supported: false } s => new(name, CheckResult.Skip, s.Value!.Reason),
            _ => status.Livepatch.Patches.IsKnown ? null : new(name, CheckResult.Fail, $"the patches cannot be read: {status.Livepatch.Patches.UnknownReason}"),
        };

    private static VerificationCheck InstalledModulesLoaded(HostStatus status)
    {
        const string name = "installed-modules-loaded";
        if (!status.Kpatch.Modules.IsKnown)
        {
            return new(name, CheckResult.Fail, $"installed modules cannot be read: {status.Kpatch.Modules.UnknownReason}");
        }

        var installed = InstalledModules.ForRunningKernel(status.Kpatch.Modules.Value!, distinctNames: true);
        if (installed.Count == 0)
        {
            return new(name, CheckResult.Skip, "no patch module is installed for the running kernel");
        }

        if (Unsupported(name, status) is { } skipped)
        {
            return skipped with { Result = CheckResult.Fail, Detail = $"{installed.Count} module(s) installed but {skipped.Detail}" };
        }

        var missing = installed.FindAll(m => m.Loaded != true).ConvertAll(m => m.ModuleName);
        return missing.Count == 0
            ? new(name, CheckResult.Pass, $"{installed.Count} installed module(s) for the running kernel loaded: {string.Join(", ", installed.ConvertAll(m => m.ModuleName))}")
            : new(name, CheckResult.Fail, $"installed for the running kernel but not loaded: {string.Join(", ", missing)} (load with 'kpatch load', or check kpatch.service)");
    }

    private static VerificationCheck PatchesEnabled(HostStatus status)
    {
        const string name = "patches-enabled";
        if (Unsupported(name, status) is { } skipped)
        {
            return skipped;
        }

        var patches = Patches(status);
        if (patches.Count == 0)
        {
            return new(name, CheckResult.Skip, "no live patch is loaded");
        }

        var bad = patches.FindAll(p => p.Enabled is not { IsKnown: true, Value: true });
        return bad.Count == 0
            ? new(name, CheckResult.Pass, $"{patches.Count} patch(es) enabled: {string.Join(", ", patches.ConvertAll(p => p.Name))}")
            : new(name, CheckResult.Fail, string.Join("; ", bad.ConvertAll(p => p.Enabled.IsKnown ? $"{p.Name} is disabled" : $"{p.Name}: {p.Enabled.UnknownReason}")));
    }

    private VerificationCheck Transitions(HostStatus status)
    {
        const string name = "transition";
        if (Unsupported(name, status) is { } skipped)
        {
            return skipped;
        }

        var moving = InTransition(status);
        if (moving.Count == 0)
        {
            var unknown = Patches(status).FindAll(p => !p.Transition.IsKnown);
            return unknown.Count > 0
                ? new(name, CheckResult.Fail, string.Join("; ", unknown.ConvertAll(p => $"{p.Name}: {p.Transition.UnknownReason}")))
                : new(name, CheckResult.Pass, "no patch is in transition");
        }

        var blockers = BlockingTasks.Describe(reader, status.Livepatch.TransitionTasks);
        var when = reader.Host.IsReadOnly ? "in transition when captured"
            : watchTransitions ? $"still in transition after {transitionThreshold.TotalSeconds:0} s"
            : "in transition at this moment (judged as it is, not watched)";
        return new(name, CheckResult.Fail, $"{string.Join(", ", moving.ConvertAll(p => p.Name))} {when}; {blockers}");
    }

    private VerificationCheck ObjectsPatched(HostStatus status)
    {
        const string name = "objects-patched";
        if (Unsupported(name, status) is { } skipped)
        {
            return skipped;
        }

        // A record, not a tuple: status verifies on its start-up path, where generic code over a value tuple is compiled at run time.
        var objects = new List<PatchObject>();
        foreach (var patch in Patches(status))
        {
            foreach (var patchObject in patch.Objects.GetValueOrDefault([])!)
            {
                objects.Add(new PatchObject(patch.Name, patchObject));
            }
        }

        var withAttribute = objects.FindAll(o => o.Object.Patched is not null);
        if (withAttribute.Count == 0)
        {
            return new(name, CheckResult.Skip, objects.Count == 0 ? "no live patch is loaded" : "this kernel has no <object>/patched attribute (added in 6.1)");
        }

        var notPatched = withAttribute.FindAll(o => o.Object.Patched is not { IsKnown: true, Value: true });
        if (notPatched.Count == 0)
        {
            return new(name, CheckResult.Pass, $"{withAttribute.Count} object(s) patched");
        }

        // An object that is a module not loaded right now is patched when it loads: not a failure.
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in ProcModules().GetValueOrDefault([])!)
        {
            loaded.Add(module.Name);
        }

        var waiting = notPatched.FindAll(o => o.Object.Name != "vmlinux" && o.Object.Patched is { IsKnown: true, Value: false } && !loaded.Contains(o.Object.Name));
        var broken = notPatched.FindAll(o => !waiting.Contains(o));
        return broken.Count > 0
            ? new(name, CheckResult.Fail, "not patched: " + string.Join(", ", broken.ConvertAll(o => $"{o.Patch}/{o.Object.Name}")))
            : new(name, CheckResult.Pass, $"patched where loaded; waiting for module(s) to load: {string.Join(", ", waiting.ConvertAll(o => $"{o.Patch}/{o.Object.Name}"))}");
    }

    private sealed record PatchObject(string Patch, LivepatchObject Object);

    private static VerificationCheck TaintMatches(HostStatus status)
    {
        const string name = "taint-livepatch";
        if (Unsupported(name, status) is { } skipped)
        {
            return skipped;
        }

        if (Patches(status).Count == 0)
        {
            return new(name, CheckResult.Skip, "no live patch is loaded");
        }

        return status.Livepatch.TaintLivepatch switch
        {
            { IsKnown: false } t => new(name, CheckResult.Fail, $"the taint cannot be read: {t.UnknownReason}"),
            { Value: true } => new(name, CheckResult.Pass, "taint K (live patched) is set"),
            _ => new(name, CheckResult.Fail, "patches are loaded but taint K is not set: the kernel state is inconsistent"),
        };
    }

    private IEnumerable<VerificationCheck> ModulesBuiltForRunningKernel(HostStatus status)
    {
        const string name = "module-vermagic";
        var running = status.Kernel.Running;
        var modules = InstalledModules.ForRunningKernel(status.Kpatch.Modules.GetValueOrDefault([])!);
        if (!running.IsKnown || modules.Count == 0)
        {
            yield return new(name, CheckResult.Skip, running.IsKnown ? "no patch module is installed for the running kernel" : $"the running kernel is unknown: {running.UnknownReason}");
            yield break;
        }

        foreach (var module in modules)
        {
            var read = ModuleFile(module.Path);
            if (!read.IsKnown)
            {
                yield return new($"{name}:{module.Path}", CheckResult.Fail, $"{module.Path}: {read.UnknownReason}");
                continue;
            }

            var info = read.Value!;
            yield return info.Vermagic switch
            {
                null => new($"{name}:{module.Path}", CheckResult.Warn, $"{module.Path} has no vermagic: not a kernel module file"),
                _ when info.KernelRelease == running.Value => new($"{name}:{module.Path}", CheckResult.Pass, $"{module.Path} is built for {running.Value}{(info.Signed ? ", signed" : ", not signed")}"),
                _ => new($"{name}:{module.Path}", CheckResult.Fail, $"{module.Path} is built for {info.KernelRelease}, not the running {running.Value}"),
            };
        }
    }

    private static VerificationCheck Reboot(HostStatus status)
    {
        const string name = "reboot";
        return status.Kernel.Reboot switch
        {
            { IsKnown: false } r => new(name, CheckResult.Skip, $"reboot advice is unknown: {r.UnknownReason}"),
            { Value.Advice: RebootNeed.No } r => new(name, CheckResult.Pass, r.Value!.Reason),
            var r => new(name, CheckResult.Warn, r.Value!.Reason),
        };
    }
}
