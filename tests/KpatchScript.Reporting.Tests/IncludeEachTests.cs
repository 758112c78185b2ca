using System.Text.Json.Nodes;
using CsCheck;
using KpatchScript.Reporting.Fleet;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Status;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// <c>kps.include_each ITEMS 'PARTIAL' 'NAME'</c> (IncludeEach): the partial once per item, in the
/// items' order, each in a scope of its own, rendered on every core. Its output is the output of a
/// <c>for</c> loop including the partial; what an item's render assigns stays in it; errors name the
/// partial's line and are the first item's in order.
/// </summary>
public sealed class IncludeEachTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-include-each-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Writes_what_a_for_loop_including_the_partial_writes_in_the_items_order()
    {
        Template("_item.txt", "{{ n = x.n * 2 }}[{{ x.name }}={{ n }}]\n");
        Template("each.txt", "head\n{{~ kps.include_each items '_item.txt' 'x' ~}}\ntail\n");
        Template("loop.txt", "head\n{{~ for x in items ~}}{{ include '_item.txt' }}{{~ end ~}}\ntail\n");

        // Sizes across chunk boundaries (IncludeEach.ChunkSize) and the in-flight window.
        Gen.Int[0, 400].Select(Gen.String[Gen.Char.AlphaNumeric, 0, 8].Array[0, 1]).Sample((count, names) =>
        {
            var model = Model(new JsonArray([.. Enumerable.Range(0, count).Select(i => new JsonObject { ["name"] = (names.FirstOrDefault() ?? "") + i, ["n"] = i })]));

            Assert.Equal(Render("loop.txt", model), Render("each.txt", model));
        }, iter: 60, seed: "0D3GHCpU9QzE");
    }

    [Fact]
    public void What_an_item_assigns_is_seen_by_no_other_item_nor_by_the_template_after()
    {
        Template("_item.txt", "{{ seen }}/{{ seen = x }}{{ seen }} ");
        Template("each.txt", "{{ seen = 'before' }}{{ kps.include_each items '_item.txt' 'x' }}| {{ seen }}");

        var output = Render("each.txt", Model(new JsonArray([.. Enumerable.Range(0, 100).Select(i => (JsonNode)$"i{i}")])));

        Assert.Equal(string.Concat(Enumerable.Range(0, 100).Select(i => $"before/i{i} ")) + "| before", output);
    }

    [Fact]
    public void An_error_in_an_item_names_the_partial_s_line_and_is_the_first_item_s_in_order()
    {
        // Two items fail, each differently, at the end of the first chunk and the start of the second,
        // which renders at the same time: the one reported is the first's, whichever failed first.
        Template("_item.txt", "ok\n{{ if x == 'late' }}{{ late_failure }}{{ else if x == 'early' }}{{ early_failure }}{{ end }}");
        Template("each.txt", "{{ kps.include_each items '_item.txt' 'x' }}");
        var items = new JsonArray([.. Enumerable.Range(0, 400).Select(i => (JsonNode)(i == IncludeEach.ChunkSize - 1 ? "early" : i == IncludeEach.ChunkSize + 1 ? "late" : "fine"))]);

        for (var round = 0; round < 20; round++)
        {
            var error = Assert.Throws<TemplateException>(() => Render("each.txt", Model(items.DeepClone().AsArray())));
            Assert.Equal("template _item.txt(2,68): The variable or function `early_failure` was not found", error.Message);
        }
    }

    [Fact]
    public void As_a_value_it_is_the_whole_text_written_as_it_is()
    {
        Template("_item.html", "<li>{{ x }}</li>");
        Template("each.html", "{{ rows = kps.include_each items '_item.html' 'x' }}<ul>{{ rows }}</ul>");

        var output = Render("each.html", Model(new JsonArray("<script>", "b&c")));

        // Each item escaped once, by the partial; the markup of the partial not escaped when written.
        Assert.Equal("<ul><li>&lt;script&gt;</li><li>b&amp;c</li></ul>", output);
    }

    [Fact]
    public void A_call_inside_an_item_renders_its_own_items_with_the_same_scoping()
    {
        Template("_group.txt", "{{ x.name }}:{{ kps.include_each x.members '_member.txt' 'm' }};");
        Template("_member.txt", "{{ x.name }}.{{ m }} ");
        Template("each.txt", "{{ kps.include_each items '_group.txt' 'x' }}");
        var items = new JsonArray([.. Enumerable.Range(0, 70).Select(i => new JsonObject { ["name"] = $"g{i}", ["members"] = new JsonArray("a", "b") })]);

        var output = Render("each.txt", Model(items));

        Assert.Equal(string.Concat(Enumerable.Range(0, 70).Select(i => $"g{i}:g{i}.a g{i}.b ;")), output);
    }

    [Theory]
    [InlineData("{{ kps.include_each items '_item.txt' }}", "Invalid number of arguments `2` passed to `kps.include_each items '_item.txt'` while expecting `3` arguments", 38)]
    [InlineData("{{ kps.include_each items '_item.txt' '1x' }}", "kps.include_each: '1x' is not a variable name (letters, digits and '_', not starting with a digit)")]
    [InlineData("{{ kps.include_each 'text' '_item.txt' 'x' }}", "kps.include_each: the items are text, not a list. kps.include_each takes a list, the name of a partial template and the name each item has in it, as in: kps.include_each hosts '_fleet_host.html' 'h'")]
    [InlineData("{{ kps.include_each items '_missing.txt' 'x' }}", "include '_missing.txt': not found (looked in: {dir}, built in)")]
    [InlineData("{{ kps.include_each (1..200000000) '_item.txt' 'x' }}", "Range expression exceeds LoopLimit `100000`", 23)]
    public void A_wrong_call_is_one_line_naming_the_template_s_place(string template, string message, int column = 4)
    {
        Template("_item.txt", "{{ x }}");
        Template("each.txt", template);

        var error = Assert.Throws<TemplateException>(() => Render("each.txt", Model(new JsonArray(1, 2))));

        Assert.Equal($"template each.txt(1,{column}): {message.Replace("{dir}", _directory, StringComparison.Ordinal)}", error.Message);
    }

    [Fact]
    public void Items_of_a_fleet_that_reach_one_host_s_lazy_objects_together_all_read_it_whole()
    {
        // Every item reads host 0's status, whose objects are read in on first touch (LazyJsonObject),
        // from every thread at once; each item also reads its own.
        Template("_host.txt", "{{ h.name }} {{ kps.text h.status.kernel.running }} {{ first.status.kernel.reboot.advice }} {{ first.verdict.reasons.size }}\n");
        Template("fleet.txt", "{{ first = hosts[0] }}{{ kps.include_each hosts '_host.txt' 'h' }}");
        var status = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf).Status;
        var fleet = new FleetInput("/srv/fleet", [.. Enumerable.Range(0, 600).Select(i => new FleetHost($"host-{i:D3}.json", status with { Host = status.Host with { Hostname = Reading.Known($"app{i:D3}") } }))], []);

        for (var round = 0; round < 5; round++)
        {
            var model = FleetReportBuilder.Build(fleet, FixedTimeProvider.Default);
            var lines = new TemplateRenderer(new TemplateLookup([_directory])).Render("fleet.txt", model).TrimEnd('\n').Split('\n');

            Assert.Equal(600, lines.Length);
            Assert.Equal([.. model.Hosts.Select(h => h.Name)], lines.Select(l => l.Split(' ')[0]));
            Assert.Single(lines.Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Distinct());
        }
    }

    [Fact]
    public void A_partial_that_does_not_parse_is_named_with_its_own_line_and_column()
    {
        Template("_item.txt", "{{ x }}\n{{ if }}");
        Template("each.txt", "{{ kps.include_each items '_item.txt' 'x' }}");

        var error = Assert.Throws<TemplateException>(() => Render("each.txt", Model(new JsonArray(1, 2))));

        Assert.StartsWith("template _item.txt(2,7): ", error.Message, StringComparison.Ordinal);
    }

    private void Template(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);

    private string Render(string name, JsonObject model) => new TemplateRenderer(new TemplateLookup([_directory])).Render(name, model);

    private static JsonObject Model(JsonArray items) => new() { ["generated_at"] = "2026-01-15T12:00:00+00:00", ["items"] = items };
}
