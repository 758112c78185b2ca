using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using KpatchScript.Reporting.Rendering;
using Scriban;
using Scriban.Runtime;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// A fleet host's objects are read when a template first asks (<see cref="LazyJsonObject"/>): every
/// way a template reaches an object shows what a plain ScriptObject of the same document shows
/// (<see cref="ScriptModel"/>, the report's own conversion), and what no template asks for is
/// never read.
/// </summary>
public sealed class LazyJsonObjectTests
{
    private const string Document = """
        {"schema_version":2,"target":"sysroot:x","host":{"hostname":"app\u00e9 <b>","os":{"unknown":"no /etc/os-release"}},
         "kernel":{"running":"5.14.0-570.el9","support_window":{"ends":"2026-10-14","days_left":-3,"estimate":true},
                   "reboot":{"unknown":"no boot entries"},"ratio":0.25,"big":12345678901,"none":null,"empty":{},"list":[]},
         "packages":[{"name":"kpatch-patch","cves":["CVE-1","CVE-2"]},{"name":"other","cves":[]}],
         "nested":[[{"a":1}],[]]}
        """;

    /// <summary>Each way in, one template each, as a template author would write it.</summary>
    public static TheoryData<string> WaysIn() => new(
        "{{ doc.kernel.running }}|{{ doc.host.hostname }}|{{ doc.kernel.ratio }}|{{ doc.kernel.big }}|{{ doc.kernel.none }}",
        "{{ for p in doc.kernel }}{{ p.Key }}={{ p.Value }};{{ end }}",
        "{{ doc | object.keys | array.join ',' }}|{{ doc.kernel | object.keys | array.join ',' }}",
        "{{ doc.kernel | object.size }}|{{ doc.kernel.empty | object.size }}|{{ doc | object.values | array.size }}",
        "{{ doc.kernel | object.has_key 'running' }}|{{ doc.kernel | object.has_key 'nope' }}|{{ doc.kernel | object.has_value 'running' }}",
        "{{ doc | object.to_json }}",
        "{{ doc }}|{{ doc.kernel.support_window }}|{{ doc.packages }}",
        "{{ object.typeof doc }}|{{ object.kind doc.kernel }}|{{ object.typeof doc.packages }}",
        "{{ kps.known doc.kernel.support_window }}|{{ kps.known doc.kernel.reboot }}|{{ kps.reason doc.kernel.reboot }}|{{ kps.text doc.host.os }}|{{ kps.text doc.kernel.support_window }}",
        "{{ import doc.kernel }}{{ running }}",
        "{{ with doc.kernel }}{{ running }}|{{ support_window.ends }}{{ end }}",
        "{{ doc.kernel.added = 1 }}{{ doc.kernel.added }}|{{ doc.kernel | object.size }}",
        "{{ k = doc.kernel; w = k.support_window }}{{ w.days_left < 0 ? 'ended' : 'open' }}",
        "{{ doc.packages[0].name }}|{{ doc.packages[0].cves | array.join ',' }}|{{ doc.nested[0][0].a }}|{{ doc['host']['hostname'] }}",
        "{{ for p in doc.packages }}{{ p.name }}:{{ p.cves.size }};{{ end }}",
        "{{ doc.kernel == doc.kernel }}|{{ doc.kernel.support_window.estimate ? 'estimate' : 'known' }}");

    [Theory]
    [MemberData(nameof(WaysIn))]
    public void Every_way_in_shows_what_a_plain_object_shows(string template)
    {
        foreach (var format in new[] { "t.txt", "t.html", "t.csv", "t.json" })
        {
            Assert.Equal(Render(template, format, Plain(Document)), Render(template, format, Lazy(Document)));
        }
    }

    [Fact]
    public void What_no_template_asks_for_is_never_read()
    {
        var doc = Lazy(Document);

        Render("{{ doc.host.hostname }}", "t.txt", doc);

        Assert.True(doc.IsFilled);
        Assert.True(((LazyJsonObject)doc["host"]!).IsFilled);
        Assert.False(((LazyJsonObject)doc["kernel"]!).IsFilled);
        Assert.False(((LazyJsonObject)((ScriptArray)doc["packages"]!)[0]!).IsFilled);
    }

    [Fact]
    public void A_name_given_twice_keeps_its_last_value_in_the_place_of_its_first()
    {
        var doc = Lazy("""{"a":1,"b":2,"a":{"c":3}}""");

        Assert.Equal("a=object;b=number;3", Render("{{ for p in doc }}{{ p.Key }}={{ object.typeof p.Value }};{{ end }}{{ doc.a.c }}", "t.txt", doc));
    }

    [Fact]
    public void Any_document_renders_as_its_plain_object_does()
    {
        Gen.Recursive<JsonNode?>((depth, node) => depth >= 4
                ? Scalar
                : Gen.Frequency((4, Scalar), (1, node.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))), (2, Object(node))))
            .Sample(
                node =>
                {
                    var json = new JsonObject { ["doc"] = node?.DeepClone() }.ToJsonString();
                    var plain = Plain(json);
                    var lazy = Lazy(json);
                    return Render("{{ doc }}|{{ doc | object.to_json }}", "t.txt", plain) == Render("{{ doc }}|{{ doc | object.to_json }}", "t.txt", lazy)
                        && Render("{{ doc }}", "t.json", plain) == Render("{{ doc }}", "t.json", lazy);
                },
                iter: 2_000);

        static Gen<JsonNode?> Object(Gen<JsonNode?> node) =>
            Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 6], node)[0, 5].Select(members => (JsonNode?)new JsonObject(members.Select(m => KeyValuePair.Create(m.Key, m.Value))));
    }

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const((JsonNode?)null));

    private static ScriptObject Plain(string json) => ScriptModel.From(JsonNode.Parse(json)!.AsObject()).Root;

    private static LazyJsonObject Lazy(string json) => new(Encoding.UTF8.GetBytes(json));

    private static string Render(string text, string format, ScriptObject doc)
    {
        var template = Template.Parse(text, format);
        Assert.False(template.HasErrors, string.Join("; ", template.Messages));
        var context = new EscapingContext(OutputFormat.For(format)) { MemberRenamer = member => member.Name };
        var globals = new ScriptObject { ["doc"] = doc, ["kps"] = TemplateFunctions.Create() };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (Exception ex) when (ex is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or ArgumentException)
        {
            // An error is an outcome too: both objects must fail the same way.
            return "error: " + ex.GetType().Name + ": " + ex.Message;
        }
    }
}
