string Box(string text) => $"[ {text} ]";
