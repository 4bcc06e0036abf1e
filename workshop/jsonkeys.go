package workshop

import (
	"reflect"
	"slices"
	"strings"
)

// JSONKeys lists the JSON keys of t and of the types in it, at every
// level, each once, as encoding/json names them: what a reader that
// refuses any other spelling of a key checks against.
func JSONKeys(t reflect.Type) []string {
	return jsonKeys(t, nil, map[reflect.Type]bool{})
}

// jsonKeys adds to names the JSON keys of t and of the types in it.
func jsonKeys(t reflect.Type, names []string, seen map[reflect.Type]bool) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t.PkgPath() == "time" || seen[t] {
		return names
	}
	seen[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
		names = jsonKeys(f.Type, names, seen)
	}
	return names
}
