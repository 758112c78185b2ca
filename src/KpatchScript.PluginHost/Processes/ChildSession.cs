using System.Text.Json;
using KpatchScript.PluginHosting.Isolation;
using KpatchScript.PluginHosting.Loading;
using KpatchScript.Plugins;
using KpatchScript.Serialization;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// A plugin process's side of the protocol: loads the one plugin it was told to (by the path the
/// host checked: no search, no second lookup), says what it registered, then runs each check
/// asked for, under the plugin timeout, with the host's status, the target through
/// <see cref="HostProxy"/> and the host's clock. The end of its input ends it.
/// </summary>
internal sealed class ChildSession(TextReader input, LineChannel output)
{
    private readonly HostProxy.Answers _answers = new();
    private readonly ChildClock _clock = new();
    private Dictionary<string, IsolatedVerificationCheck> _checks = [];

    public int Run()
    {
        if (input.ReadLine() is not { } first)
        {
            return 0;
        }

        using var load = JsonDocument.Parse(first);
        var request = load.RootElement;
        _clock.Set(request.GetProperty("now").GetDateTimeOffset());
        var (plugin, info) = PluginAssemblyLoader.Load(
            Messages.Text(request, "name")!,
            Messages.Text(request, "path")!,
            Messages.Text(request, "configuration"),
            TimeSpan.FromMilliseconds(request.GetProperty("timeout_ms").GetDouble()),
            _clock);
        output.SendAsync(w =>
        {
            w.WriteString("type", "loaded");
            Messages.WritePlugin(w, info);
        }).GetAwaiter().GetResult();
        if (plugin is null)
        {
            return 0;
        }

        _checks = plugin.Registrar.VerificationChecks.ToDictionary(r => r.Name, r => new IsolatedVerificationCheck(r, plugin.Call));
        while (input.ReadLine() is { } line)
        {
            JsonElement message;
            using (var document = JsonDocument.Parse(line))
            {
                message = document.RootElement.Clone();
            }

            switch (Messages.Text(message, "type"))
            {
                case "check":
                    // Checks answer whenever they finish; this loop goes on reading the host's answers to their calls.
                    _ = Task.Run(() => CheckAsync(message));
                    break;
                case "host_result":
                    _answers.Receive(message);
                    break;
            }
        }

        _answers.Abandon();
        plugin.Unload();
        return 0;
    }

    private async Task CheckAsync(JsonElement request)
    {
        var id = request.GetProperty("id").GetInt64();
        var name = Messages.Text(request, "check")!;
        _clock.Set(request.GetProperty("now").GetDateTimeOffset());
        VerificationCheck result;
        var answered = true;
        if (!_checks.TryGetValue(name, out var check))
        {
            result = new VerificationCheck(name, CheckResult.Fail, $"plugin {name.Split(':')[0]}: registered no check '{name}' this time");
        }
        else
        {
            try
            {
                var host = new HostProxy(output, _answers, id, Messages.Text(request, "target")!, request.GetProperty("read_only").GetBoolean());
                var context = new VerificationCheckContext(StatusJson.Deserialize(Messages.Text(request, "status")!)!, host, _clock);
                result = await check.CheckAsync(context, CancellationToken.None).ConfigureAwait(false);
            }
            catch (CheckNotAnsweredException ex)
            {
                (result, answered) = (new VerificationCheck(name, CheckResult.Fail, ex.Message), false);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or NullReferenceException)
            {
                // The request, not the plugin (the check itself never throws): said rather than left unanswered.
                result = new VerificationCheck(name, CheckResult.Fail, $"plugin {name.Split(':')[0]}: its process could not read the check: {ex.Message}");
            }
        }

        try
        {
            await output.SendAsync(w => Messages.WriteResult(w, id, result, answered)).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The host is gone: nobody waits for the answer.
        }
    }
}
