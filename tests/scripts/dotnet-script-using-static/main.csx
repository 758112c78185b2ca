// using static and aliases beside the implicit 'using static System.Console' (WriteLine alone).
using static System.Math;
using Invariant = System.Globalization.CultureInfo;

WriteLine(Max(2.5, Sqrt(16)).ToString(Invariant.InvariantCulture));
WriteLine(Round(PI, 3).ToString(Invariant.InvariantCulture));
