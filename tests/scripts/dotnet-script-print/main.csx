// Written for dotnet-script: Print formats values with Roslyn's C# object formatter, and
// PrintOptions (Roslyn's) changes how, as under dotnet-script.
using Microsoft.CodeAnalysis.Scripting.Hosting;

Print(new[] { 1, 2, 3 });
Print("text with \"quotes\"");
Print(null);
Print(42);
Print(new List<string> { "a", "b" });
Print(new Dictionary<string, int> { ["one"] = 1 });
Print(('x', 2.5));

PrintOptions.NumberRadix = 16;
Print(255);
PrintOptions.NumberRadix = 10;
PrintOptions.MemberDisplayFormat = MemberDisplayFormat.SeparateLines;
Print(new[] { 1, 2 });
PrintOptions.MemberDisplayFormat = MemberDisplayFormat.SingleLine;
PrintOptions.MaximumOutputLength = 12;
Print(Enumerable.Range(0, 100).ToArray());
