using System.Text.Json.Serialization;

namespace KpatchScript.Status;

/// <summary>The three states of reboot advice.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RebootNeed>))]
public enum RebootNeed
{
    /// <summary>The newest installed kernel is running.</summary>
    [JsonStringEnumMemberName("no")]
    No,

    /// <summary>A newer kernel is installed and the running one carries no live patch.</summary>
    [JsonStringEnumMemberName("yes")]
    Yes,

    /// <summary>A newer kernel is installed, but live patches cover the running one meanwhile.</summary>
    [JsonStringEnumMemberName("yes-but-live-patched")]
    YesButLivePatched,
}
