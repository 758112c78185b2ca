using System.Globalization;
using System.Text.Json;

namespace KpatchScript.Plugins.Webhook;

/// <summary>What to send, where, and how patiently.</summary>
/// <param name="Urls">http or https URLs; each gets every delivery (at the same time).</param>
/// <param name="Timeout">How long one attempt may take (<c>timeout_seconds</c>, 2).</param>
/// <param name="Attempts">Tries per URL before giving up (<c>attempts</c>, 3); a 5xx, 408, 429, a network error or a timeout is tried again, another status is not.</param>
/// <param name="Backoff">The wait after the first failed attempt, doubled after each further one (<c>backoff_seconds</c>, 0.5).</param>
/// <param name="Body"><c>json</c> (the document of <see cref="AlertDocument"/>), <c>rendered_json</c> or <c>rendered_text</c> (the alert.json / alert.txt template's output as the body).</param>
/// <param name="Headers">Extra request headers (<c>headers</c>, e.g. an Authorization token).</param>
internal sealed record WebhookSettings(IReadOnlyList<Uri> Urls, TimeSpan Timeout, int Attempts, TimeSpan Backoff, string Body, IReadOnlyDictionary<string, string> Headers)
{
    private static readonly string[] Bodies = ["json", "rendered_json", "rendered_text"];

    /// <summary>The longest one delivery can take: every attempt timing out, with every backoff between.</summary>
    public TimeSpan WorstCase => (Timeout * Attempts) + (Backoff * ((1 << (Attempts - 1)) - 1));

    /// <exception cref="ArgumentException">The configuration is missing, names an unknown key, has a wrong value, or cannot fit in the host's call timeout.</exception>
    public static WebhookSettings Parse(string? json, TimeSpan callTimeout)
    {
        if (json is null)
        {
            throw new ArgumentException("no configuration: set \"plugins\": {\"Webhook\": {\"urls\": [\"https://...\"]}} in the kpatch-script configuration");
        }

        using var document = JsonDocument.Parse(json);
        var settings = new WebhookSettings([], TimeSpan.FromSeconds(2), 3, TimeSpan.FromSeconds(0.5), "json", new Dictionary<string, string>());
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            settings = property.Name switch
            {
                "urls" => settings with { Urls = ParseUrls(value) },
                "timeout_seconds" => settings with { Timeout = TimeSpan.FromSeconds(Seconds(value, property.Name, allowZero: false)) },
                "attempts" => settings with { Attempts = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 1 and <= 10 ? n : throw Bad(property, "a whole number from 1 to 10") },
                "backoff_seconds" => settings with { Backoff = TimeSpan.FromSeconds(Seconds(value, property.Name, allowZero: true)) },
                "body" => settings with { Body = value.GetString() is { } body && Bodies.Contains(body) ? body : throw Bad(property, "\"json\", \"rendered_json\" or \"rendered_text\"") },
                "headers" => settings with { Headers = ParseHeaders(property) },
                _ => throw new ArgumentException($"unknown key '{property.Name}' (known: urls, timeout_seconds, attempts, backoff_seconds, body, headers)"),
            };
        }

        if (settings.Urls.Count == 0)
        {
            throw new ArgumentException("urls is missing: the webhook needs at least one URL");
        }

        if (settings.WorstCase >= callTimeout)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{settings.Attempts} attempts of timeout_seconds {settings.Timeout.TotalSeconds:0.###} with backoff_seconds {settings.Backoff.TotalSeconds:0.###} take up to {settings.WorstCase.TotalSeconds:0.###} s, not less than the plugin timeout of {callTimeout.TotalSeconds:0.###} s: lower them, or raise plugin_timeout_seconds"));
        }

        return settings;
    }

    private static List<Uri> ParseUrls(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
            ? value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String && Uri.TryCreate(e.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new ArgumentException($"urls: {e.GetRawText()} is not an http or https URL")).ToList()
            : throw new ArgumentException($"urls must be an array of http or https URLs, not {value.GetRawText()}");

    private static double Seconds(JsonElement value, string name, bool allowZero) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && (seconds > 0 || (allowZero && seconds == 0)) && seconds <= 300
            ? seconds
            : throw new ArgumentException($"{name} must be a number of seconds {(allowZero ? "from 0" : "above 0")} to 300, not {value.GetRawText()}");

    private static Dictionary<string, string> ParseHeaders(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().All(h => h.Value.ValueKind == JsonValueKind.String)
            ? property.Value.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase)
            : throw Bad(property, "an object of header names and string values");

    private static ArgumentException Bad(JsonProperty property, string what) => new($"{property.Name} must be {what}, not {property.Value.GetRawText()}");
}
