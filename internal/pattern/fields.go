package pattern

import "strings"

// fieldSet numbers the dotted paths that policies name, and keeps them in
// a trie of key segments, so that a walk over a body hashes each key once
// and descends only where some policy looks.
type fieldSet struct {
	index map[string]int // path → field number
	nodes []*pathNode    // by field number
	root  pathNode
}

// pathNode is one step of the trie: the field ending here, if any, and the
// keys leading further. Most nodes have a few keys, which a scan finds
// faster than hashing; a node with many keys also keeps a map.
type pathNode struct {
	field    int // -1 for none
	keys     []string
	children []*pathNode
	byKey    map[string]*pathNode // when there are more than scanKeys keys
}

// scanKeys is how many keys a node looks through before it uses a map.
const scanKeys = 8

func (n *pathNode) lookup(key string) *pathNode {
	if n.byKey != nil {
		return n.byKey[key]
	}
	for i, k := range n.keys {
		if k == key {
			return n.children[i]
		}
	}
	return nil
}

func (n *pathNode) insert(key string) *pathNode {
	if c := n.lookup(key); c != nil {
		return c
	}
	c := &pathNode{field: -1}
	n.keys, n.children = append(n.keys, key), append(n.children, c)
	if len(n.keys) > scanKeys {
		if n.byKey == nil {
			n.byKey = map[string]*pathNode{}
			for i, k := range n.keys {
				n.byKey[k] = n.children[i]
			}
		}
		n.byKey[key] = c
	}
	return c
}

func (n *pathNode) leaf() bool { return len(n.keys) == 0 }

func newFieldSet() fieldSet {
	return fieldSet{index: map[string]int{}, root: pathNode{field: -1}}
}

// add returns path's field number, numbering it if it is new.
func (fs *fieldSet) add(path string) int {
	if i, ok := fs.index[path]; ok {
		return i
	}
	i := len(fs.index)
	fs.index[path] = i
	n := &fs.root
	for seg := range strings.SplitSeq(path, ".") {
		n = n.insert(seg)
	}
	n.field = i
	fs.nodes = append(fs.nodes, n)
	return i
}

func (fs *fieldSet) len() int { return len(fs.index) }

// child returns the node key leads to from n, or nil (always nil from a
// nil node, where a scan only passes over values). A key holding dots
// is followed segment by segment, since SNS lets the body key "a.b" stand
// for the path a → b.
func (n *pathNode) child(key string) *pathNode {
	if n == nil {
		return nil
	}
	if c := n.lookup(key); c != nil || !strings.Contains(key, ".") {
		return c
	}
	for seg := range strings.SplitSeq(key, ".") {
		if n = n.lookup(seg); n == nil {
			return nil
		}
	}
	return n
}
