// Reading revision scripts and Lua modules from disk: regular files only
// (a FIFO, directory or device named *.lua is an error, never a hang), and
// the text Lua compiles from them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace strata::lua {

// Reads a whole file (regular files only). Throws Error(kIo) "path: cannot read: <reason>".
std::string read_file(const std::string& path);
// Reads a whole file into `out`. Returns false and sets `error` instead of
// throwing.
bool read_file_into(const std::string& path, std::string& out, std::string& error);

// Reads many small files with the fewest system calls: open, one read into a
// reused buffer (grown when a file fills it), close. A read shorter than the
// buffer is taken as end of file, which holds for regular files on local
// file systems; callers that need certainty re-read with read_file().
class FileReader {
 public:
  // On success `text` views the contents until the next call.
  bool read(const std::string& path, std::string_view& text, std::string& error);

 private:
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
};

// The part of a file's text Lua compiles: a UTF-8 BOM is skipped and a first
// line starting with '#' is blanked (keeping its newline), as luaL_loadfile does.
std::string_view chunk_text(std::string_view text);

}  // namespace strata::lua
