//! scratch
#[cfg(test)]
mod tests {
    fn dump(n: tree_sitter::Node, src: &[u8], depth: usize) {
        let t = n.utf8_text(src).unwrap_or("?");
        let t: String = t.chars().take(50).collect();
        println!("{}{}{} [{}..{}] {:?}", "  ".repeat(depth), if n.is_named() {""} else {"'"}, n.kind(), n.start_byte(), n.end_byte(), t);
        let mut c = n.walk();
        for ch in n.children(&mut c) { dump(ch, src, depth + 1); }
    }
    #[test]
    fn dump_docker() {
        let src = std::fs::read("/tmp/x.dockerfile").unwrap();
        let mut p = tree_sitter::Parser::new();
        p.set_language(&arborium_dockerfile::language().into()).unwrap();
        let t = p.parse(&src, None).unwrap();
        dump(t.root_node(), &src, 0);
    }
}
