# Network helpers shared by the restricted-port policies: what counts as "the world", which
# ports must never face it, and port-range overlap with AWS's conventions (-1 = all).
package lib.net

# Ports whose services must not be reachable from the internet: remote administration,
# file sharing, databases, caches, search engines, message brokers and container/cluster
# control planes. 80/443 are deliberately absent: they are meant to be public.
restricted_ports := {
	20: "FTP data",
	21: "FTP",
	22: "SSH",
	23: "Telnet",
	135: "MS RPC",
	137: "NetBIOS name service",
	138: "NetBIOS datagram",
	139: "NetBIOS session",
	445: "SMB",
	1433: "Microsoft SQL Server",
	1434: "Microsoft SQL Server browser",
	1521: "Oracle database",
	2375: "Docker daemon (plain)",
	2376: "Docker daemon (TLS)",
	2379: "etcd",
	3306: "MySQL/MariaDB",
	3389: "RDP",
	5432: "PostgreSQL",
	5601: "Kibana",
	5900: "VNC",
	5984: "CouchDB",
	6379: "Redis",
	6443: "Kubernetes API server",
	8080: "HTTP admin/proxy",
	9042: "Cassandra",
	9200: "Elasticsearch/OpenSearch HTTP",
	9300: "Elasticsearch transport",
	10250: "Kubelet API",
	11211: "Memcached",
	27017: "MongoDB",
}

world_cidrs := {"0.0.0.0/0", "::/0", "*", "any", "internet"}

# A CIDR open to the whole internet, or to a range so wide that it might as well be: any
# IPv4 prefix shorter than /8 (over 16 million addresses) or IPv6 prefix shorter than /16.
is_public(cidr) if {
	lower(trim_space(cidr)) in world_cidrs
}

is_public(cidr) if {
	parts := split(cidr, "/")
	count(parts) == 2
	contains(parts[0], ".")
	to_number(parts[1]) < 8
}

is_public(cidr) if {
	parts := split(cidr, "/")
	count(parts) == 2
	contains(parts[0], ":")
	to_number(parts[1]) < 16
}

# Protocol values meaning "every protocol" (and so every port).
all_protocols := {"-1", "all", "*"}

# Normalised numeric port, from a number or a numeric string.
port_number(p) := to_number(p)

# Restricted ports within [from, to] for `protocol`. "All protocols" or a -1 bound means every port.
# The bounds are read once, not once per restricted port: this runs for every ingress rule of
# every file, and each user-function call costs more than the comparisons themselves.
restricted_in_range(from, to, protocol) := every_restricted_port if {
	lower(sprintf("%v", [protocol])) in all_protocols
} else := every_restricted_port if {
	port_number(from) == -1
} else := {p |
	low := port_number(from)
	high := port_number(to)
	some p, _ in restricted_ports
	low <= p
	p <= high
}

every_restricted_port := {p | some p, _ in restricted_ports}

# "SSH (22)", for messages.
describe(p) := sprintf("%s (%d)", [restricted_ports[p], p])

# The ports in the order messages name them: SSH and RDP first (the ones brute-forced within
# minutes of exposure), then by port number.
ordered(ports) := [p | some pair in sort([[rank(q), q] | some q in ports]); p := pair[1]]

rank(22) := 0

rank(3389) := 1

rank(p) := 2 if not p in {22, 3389}

describe_all(ports) := concat(", ", [describe(p) | some p in ordered(ports)])
