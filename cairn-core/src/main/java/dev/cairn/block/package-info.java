/** A block: a CID and the bytes it names. Construction verifies the bytes unless told otherwise. */
package dev.cairn.block;
