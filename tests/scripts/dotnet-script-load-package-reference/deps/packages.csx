#r "nuget: Kps.Scripts.Greeting, 1.0.0"
