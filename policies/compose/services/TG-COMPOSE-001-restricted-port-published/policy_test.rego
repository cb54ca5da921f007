package tollgate.compose.services.restricted_port_published_test

import data.tollgate.compose.services.restricted_port_published as p

findings(services) := found if {
	found := p.deny with input as {"kind": "docker-compose", "document": {"services": services}}
}

test_short_and_long_syntax_on_all_interfaces if {
	found := findings({
		"db": {"image": "postgres:16", "ports": ["0.0.0.0:5432:5432"]},
		"cache": {"image": "redis:7", "ports": [6379]},
		"mysql": {"image": "mysql:8.4", "ports": ["3306"]},
		"sshd": {"image": "linuxserver/openssh-server:9.7", "ports": ["2222:22/tcp", "137-138:137-138/udp"]},
		"search": {"image": "opensearch:2.15", "ports": [{"target": 9200, "published": "9200", "protocol": "tcp"}]},
		"dev": {"image": "app:1", "ports": ["${DB_PORT:-5433}:5432", "[::]:27017:27017"]},
	})
	{v.path | some v in found} == {
		["services", "db", "ports", 0],
		["services", "cache", "ports", 0],
		["services", "mysql", "ports", 0],
		["services", "sshd", "ports", 0],
		["services", "sshd", "ports", 1],
		["services", "search", "ports", 0],
		["services", "dev", "ports", 0],
		["services", "dev", "ports", 1],
	}
}

test_port_ranges if {
	found := findings({"ftp": {"image": "ftp:1", "ports": ["20-21:20-21"]}})
	some v in found
	contains(v.msg, "FTP (21)")
}

test_loopback_private_and_public_web_ports_are_allowed if {
	found := findings({
		"db": {"image": "postgres:16", "ports": ["127.0.0.1:5432:5432"]},
		"cache": {"image": "redis:7", "ports": [{"target": 6379, "published": 6379, "host_ip": "127.0.0.1"}]},
		"v6": {"image": "redis:7", "ports": ["[::1]:6380:6379", "::1:6381:6379"]},
		"lan": {"image": "mysql:8.4", "ports": ["10.0.1.15:3306:3306"]},
		"web": {"image": "nginx:1.27", "ports": ["80:80", "443:443", "8443:443"]},
		"var": {"image": "postgres:16", "ports": ["${BIND_ADDR:-127.0.0.1}:5432:5432"]},
		"internal": {"image": "postgres:16", "expose": ["5432"]},
		"dns": {"image": "coredns/coredns:1.11.1", "ports": ["53:53/udp", "22/udp", {"target": 3389, "published": 3389, "protocol": "udp"}]},
	})
	count(found) == 0
}
