static readonly string[] Hosts = ["db1", "web1", "web2"];
