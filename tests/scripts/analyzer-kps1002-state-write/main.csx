// Changing kpatch's state behind the facade's back: refused.
File.WriteAllText("/etc/dnf/plugins/kpatch.conf", "[main]\nautoupdate = True\n");
