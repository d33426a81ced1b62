// Templates: see Binding.swift.
