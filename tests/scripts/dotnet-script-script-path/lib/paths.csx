static string LibraryPath([System.Runtime.CompilerServices.CallerFilePath] string path = null) => path;
