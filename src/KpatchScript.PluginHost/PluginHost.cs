using KpatchScript.Alerts;
using KpatchScript.PluginHosting.Isolation;
using KpatchScript.PluginHosting.Loading;
using KpatchScript.PluginHosting.Processes;
using KpatchScript.Plugins;
using KpatchScript.Reports;
using KpatchScript.Scripting.Running;

namespace KpatchScript.PluginHosting;

/// <summary>
/// The plugins of the configured directories, loaded and isolated. What they provide comes out
/// as wrappers whose every call is bounded by the plugin timeout and turns any failure into one
/// line naming the plugin: <see cref="AlertSinks"/> and <see cref="ReportDataContributors"/>
/// throw <see cref="PluginException"/>, <see cref="VerificationChecks"/> answer <c>fail</c> with
/// the reason. Checks run in a process of their plugin's (<see cref="PluginProcess"/>), so that
/// no plugin can end, crash or hang the verification: its exit or crash is a failed check naming
/// it. With <see cref="PluginHostOptions.InProcess"/> off, plugins register in those processes
/// too and no plugin code runs in this one. A plugin that cannot be loaded is listed in
/// <see cref="Plugins"/> with its error (and in <see cref="Problems"/>), and one that failed is a
/// failed check <c>&lt;Plugin&gt;:load</c>; the others are used. In-process plugins live in
/// collectible load contexts: <see cref="Unload"/> lets them go (and ends the plugin processes),
/// <see cref="Reload"/> loads the directories again, so a long-lived host picks up replaced plugin files.
/// </summary>
public sealed class PluginHost : IDisposable
{
    private readonly PluginHostOptions _options;
    private readonly Lock _lock = new();
    private List<LoadedPlugin> _loaded = [];
    private List<PluginWorker> _workers = [];
    private List<(string Name, WeakReference Context)> _unloaded = [];
    private Snapshot _snapshot = Snapshot.Empty;

    private PluginHost(PluginHostOptions options) => _options = options;

    /// <summary>Loads the plugins of <paramref name="options"/>' directories.</summary>
    public static PluginHost Load(PluginHostOptions options)
    {
        var host = new PluginHost(options);
        host.LoadAll();
        return host;
    }

    /// <summary>Every plugin found, loaded or not, in directory order.</summary>
    public IReadOnlyList<PluginInfo> Plugins => _snapshot.Plugins;

    /// <summary>Every directory and what became of it.</summary>
    public IReadOnlyList<PluginDirectoryInfo> Directories => _snapshot.Directories;

    /// <summary>One line per refused directory and per plugin that is not loaded (shadowed ones aside), to print on stderr.</summary>
    public IReadOnlyList<string> Problems => _snapshot.Problems;

    /// <summary>The loaded plugins' alert sinks, isolated.</summary>
    public IReadOnlyList<IAlertSink> AlertSinks => _snapshot.AlertSinks;

    /// <summary>The loaded plugins' report data contributors, isolated.</summary>
    public IReadOnlyList<IReportDataContributor> ReportDataContributors => _snapshot.ReportDataContributors;

    /// <summary>
    /// The loaded plugins' verification checks, each run in its plugin's process, named
    /// <c>&lt;Plugin&gt;:&lt;check&gt;</c>; and <c>&lt;Plugin&gt;:load</c>, failed, for each plugin that failed to load.
    /// </summary>
    public IReadOnlyList<IVerificationCheck> VerificationChecks => _snapshot.VerificationChecks;

    /// <summary>
    /// What scripts get from the plugins: their assemblies (compiled against, resolved from the
    /// plugins' own load contexts at run time) and their checks (in <c>VerifyAsync</c>). Taken as
    /// the plugins are now: after <see cref="Reload"/>, hand the new one to a new script host
    /// (one that keeps the old one keeps the old plugins alive).
    /// </summary>
    public ScriptExtensions ScriptExtensions => _snapshot.Scripts;

    /// <summary>
    /// Unloads every plugin: disposes the entry objects, clears the wrappers (a wrapper used after
    /// this throws, or fails its check, saying so) and unloads the load contexts. Returns the
    /// problems disposing them had (one line each).
    /// </summary>
    public IReadOnlyList<string> Unload() => UnloadAll();

    /// <summary>
    /// Unloads, waits until every unloaded context (of this call and of earlier <see cref="Unload"/>
    /// calls) is collected, then loads the directories again:
    /// new and replaced plugin files are picked up. The wait matters: the runtime shares an opened
    /// assembly file between load contexts by its path, so loading a replaced file while the old
    /// context lives would give the old code again. A context that a hung call still holds is
    /// waited for only so long (<see cref="UnloadWait"/>); the problems say which plugin it is.
    /// </summary>
    public IReadOnlyList<string> Reload()
    {
        lock (_lock)
        {
            var problems = UnloadAll();
            var stale = WaitForCollection();
            LoadAll();
            return [.. problems, .. stale.Select(name => $"plugin {name}: its previous load is still in use (a call into it has not returned), so a replaced file may not be picked up until kpatch-script restarts")];
        }
    }

    /// <summary>How long <see cref="Reload"/> waits for unloaded plugins to be collected.</summary>
    public static readonly TimeSpan UnloadWait = TimeSpan.FromSeconds(2);

    private List<string> UnloadAll()
    {
        lock (_lock)
        {
            // Every plugin process is told to end at once; each is killed if it does not within the plugin timeout.
            Task.WhenAll(_workers.Select(w => w.StopAsync())).GetAwaiter().GetResult();
            var problems = new List<string>();
            foreach (var plugin in _loaded)
            {
                _unloaded.Add((plugin.Info.Name, plugin.Context));
                if (plugin.Unload() is { } problem)
                {
                    problems.Add(problem);
                }
            }

            (_loaded, _workers) = ([], []);
            _snapshot = Snapshot.Empty with { Directories = _snapshot.Directories };
            return problems;
        }
    }

    /// <summary>Collects until every context is gone or the wait is over; returns the plugins whose context lives on.</summary>
    private List<string> WaitForCollection()
    {
        var deadline = _options.Time.GetUtcNow() + UnloadWait;
        while (_unloaded.Any(c => c.Context.IsAlive) && _options.Time.GetUtcNow() < deadline)
        {
            // A collectible context goes in several collections: the context, then its assemblies after their finalizers.
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        _unloaded = _unloaded.Where(c => c.Context.IsAlive).ToList();
        return _unloaded.Select(c => c.Name).Distinct().ToList();
    }

    public void Dispose() => Unload();

    private void LoadAll()
    {
        lock (_lock)
        {
            var (directories, candidates) = PluginScanner.Scan(_options);
            var entries = new List<Entry>(candidates.Count);
            var starting = new List<(int Index, Task<PluginInfo> Started)>();
            foreach (var candidate in candidates)
            {
                if (candidate.Problem is not null)
                {
                    entries.Add(new(new PluginInfo(candidate.Name, candidate.Path, candidate.State, candidate.Problem), null, null));
                    continue;
                }

                var section = _options.SectionOf(candidate.Name);
                if (_options.InProcess)
                {
                    var (plugin, info) = PluginAssemblyLoader.Load(candidate.Name, candidate.Path, section, _options.Timeout, _options.Time);
                    // Its checks run in a plugin process, started at the first of them.
                    var worker = plugin is not null && info.VerificationChecks.Count > 0 ? new PluginWorker(info, section, _options.Timeout, _options.Time) : null;
                    entries.Add(new(info, plugin, worker));
                }
                else
                {
                    var (manifest, info) = PluginAssemblyLoader.Inspect(candidate.Name, candidate.Path);
                    var worker = manifest is null ? null : new PluginWorker(info, section, _options.Timeout, _options.Time);
                    if (worker is not null)
                    {
                        starting.Add((entries.Count, worker.StartAsync()));
                    }

                    entries.Add(new(info, null, worker));
                }
            }

            // The plugin processes start and register together; what they registered is the plugins' information.
            foreach (var (index, started) in starting)
            {
                var info = started.GetAwaiter().GetResult();
                entries[index] = entries[index] with { Info = info, Worker = info.State == PluginState.Loaded ? entries[index].Worker : null };
            }

            _loaded = entries.Where(e => e.InProcess is not null).Select(e => e.InProcess!).ToList();
            _workers = entries.Where(e => e.Worker is not null).Select(e => e.Worker!).ToList();
            _snapshot = Snapshot.Of(directories, entries);
        }
    }

    /// <summary>A plugin found: what became of it, itself when loaded in this process, and where its checks run.</summary>
    private sealed record Entry(PluginInfo Info, LoadedPlugin? InProcess, PluginWorker? Worker);

    /// <summary>What the host exposes, replaced as a whole on load and unload, so readers never see half of a reload.</summary>
    private sealed record Snapshot(
        IReadOnlyList<PluginDirectoryInfo> Directories,
        IReadOnlyList<PluginInfo> Plugins,
        IReadOnlyList<string> Problems,
        IReadOnlyList<IAlertSink> AlertSinks,
        IReadOnlyList<IReportDataContributor> ReportDataContributors,
        IReadOnlyList<IVerificationCheck> VerificationChecks,
        ScriptExtensions Scripts)
    {
        public static readonly Snapshot Empty = new([], [], [], [], [], [], ScriptExtensions.None);

        public static Snapshot Of(List<PluginDirectoryInfo> directories, List<Entry> entries)
        {
            var checks = new List<IVerificationCheck>();
            foreach (var entry in entries)
            {
                if (entry.Info.State == PluginState.Failed)
                {
                    checks.Add(new FailedLoadCheck(entry.Info));
                }
                else if (entry.Worker is { } worker)
                {
                    checks.AddRange(entry.Info.VerificationChecks.Select(name => new ProcessVerificationCheck(worker, name)));
                }
            }

            var loaded = entries.Where(e => e.InProcess is not null).Select(e => e.InProcess!).ToList();
            var plugins = entries.Select(e => e.Info).ToList();
            return new Snapshot(
                directories,
                plugins,
                [.. directories.Where(d => d.Error is not null).Select(d => d.Error!), .. plugins.Where(p => p.State is PluginState.Refused or PluginState.Failed).Select(p => p.Error!)],
                loaded.SelectMany(p => p.Registrar.AlertSinks.Select(r => (IAlertSink)new IsolatedAlertSink(r, p.Call))).ToList(),
                loaded.SelectMany(p => p.Registrar.ReportDataContributors.Select(r => (IReportDataContributor)new IsolatedReportDataContributor(r, p.Call))).ToList(),
                checks,
                new ScriptExtensions(loaded.SelectMany(p => p.ScriptAssemblies).ToList(), checks));
        }
    }
}
