// Each line uses one of dotnet-script's implicit usings without a using directive.
WriteLine("static System.Console");                                            // using static System.Console
var list = new List<int> { 3, 1, 2 };                                           // System.Collections.Generic
WriteLine(string.Join(",", list.OrderBy(x => x)));                              // System.Linq
WriteLine(Path.GetFileName("/a/b.txt"));                                        // System.IO
WriteLine(new StringBuilder("text").Append('!'));                               // System.Text
WriteLine(Stopwatch.StartNew().IsRunning);                                      // System.Diagnostics
dynamic bag = new ExpandoObject();                                              // System.Dynamic
bag.Name = "expando";
WriteLine(bag.Name);
Expression<Func<int, int>> twice = x => x * 2;                                  // System.Linq.Expressions
WriteLine(twice.Compile()(21));
WriteLine(Task.CompletedTask.IsCompleted);                                      // System.Threading.Tasks
WriteLine(Math.Max(1, 2));                                                      // System
