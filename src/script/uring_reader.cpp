#include "script/uring_reader.h"

#include <fcntl.h>
#include <liburing.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <utility>
#include <vector>

namespace strata::script {
namespace {

constexpr unsigned kEntries = 256;   // submission queue entries (the CQ has twice as many)
constexpr unsigned kMaxStatx = 128;  // statx requests in flight
constexpr unsigned kSlots = 32;      // files open at once, as direct descriptors
constexpr size_t kPage = 4096;
// Files larger than this are left to the caller's plain read.
constexpr uint64_t kMaxRingRead = 1 << 20;
// STATX_TYPE: only regular files are read (a FIFO would block the read).
constexpr unsigned kKeyFields = STATX_TYPE | STATX_SIZE | STATX_MTIME | STATX_CTIME | STATX_INO;
// Every request in flight holds a statx buffer or a slot (three requests per
// slot), so neither the SQ nor the CQ (twice the SQ) can overflow.
static_assert(kMaxStatx + 3 * kSlots <= kEntries);
// Consecutive io_uring_enter failures (EINTR/EAGAIN/EBUSY) before the ring
// is given up.
constexpr int kMaxEnterRetries = 1000;

// user_data of a request: file index << 16 | buffer index << 2 | operation.
// Buffer index: the statx buffer for kStatx, the slot otherwise.
enum Op : uint64_t { kStatx = 0, kOpen = 1, kRead = 2, kClose = 3 };
uint64_t tag(size_t file, unsigned buffer, Op op) {
  return (static_cast<uint64_t>(file) << 16) | (static_cast<uint64_t>(buffer) << 2) | op;
}

// Memory the kernel writes into: it must outlive every request that names
// it, so it is leaked when the ring breaks with requests still in flight.
struct Buffers {
  struct statx stats[kMaxStatx];
  std::unique_ptr<char[]> data[kSlots];
  size_t capacity[kSlots] = {};
};

}  // namespace

bool io_uring_disabled_by_environment() {
  const char* value = std::getenv("STRATA_NO_IO_URING");
  return value != nullptr && *value != '\0' && std::strcmp(value, "0") != 0;
}

struct UringReader::Ring {
  io_uring ring{};
  bool ready = false;   // io_uring_queue_init succeeded
  bool broken = false;  // io_uring_enter kept failing; later runs do nothing
  ~Ring() {
    if (ready) io_uring_queue_exit(&ring);
  }
};

UringReader::UringReader(std::unique_ptr<Ring> ring) : ring_(std::move(ring)) {}
UringReader::~UringReader() = default;

std::unique_ptr<UringReader> UringReader::create() {
  if (io_uring_disabled_by_environment()) return nullptr;
  auto ring = std::make_unique<Ring>();
  io_uring_params params{};
  // SUBMIT_ALL (5.18) keeps submitting after a request fails to start;
  // COOP_TASKRUN (5.19) avoids interrupting the submitter for completions.
  // Older kernels reject the flags (EINVAL): no io_uring then.
  params.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_COOP_TASKRUN;
  if (io_uring_queue_init_params(kEntries, &ring->ring, &params) < 0) return nullptr;
  ring->ready = true;
  if (io_uring_register_files_sparse(&ring->ring, kSlots) < 0) return nullptr;
  return std::unique_ptr<UringReader>(new UringReader(std::move(ring)));
}

void UringReader::run(int dir_fd, std::span<const std::string_view> names, Sink& sink) {
  const size_t n = names.size();
  if (ring_->broken) {
    for (size_t i = 0; i < n; ++i) sink.stat_failed(i);
    return;
  }
  io_uring* ring = &ring_->ring;
  auto buffers = std::make_unique<Buffers>();
  std::vector<unsigned> free_stats, free_slots;
  for (unsigned b = kMaxStatx; b-- > 0;) free_stats.push_back(b);
  for (unsigned k = kSlots; k-- > 0;) free_slots.push_back(k);
  size_t stat_file[kMaxStatx];
  bool stat_busy[kMaxStatx] = {};
  size_t slot_file[kSlots];
  int slot_pending[kSlots] = {};  // CQEs still to come for the slot's open/read/close
  bool slot_read_seen[kSlots] = {};
  uint64_t slot_size[kSlots] = {};  // the size statx reported for the slot's file
  std::vector<std::pair<size_t, uint64_t>> to_read;  // (file, size), in stat completion order
  size_t read_head = 0;
  size_t next_stat = 0;
  size_t in_flight = 0;  // requests prepared or submitted whose CQE has not been seen
  std::exception_ptr failure;

  // Runs a callback; after one has thrown, no more are run.
  auto call = [&](auto&& fn) {
    if (failure) return;
    try {
      fn();
    } catch (...) {
      failure = std::current_exception();
    }
  };

  auto queue_read = [&](size_t file, uint64_t size) {
    const unsigned k = free_slots.back();
    free_slots.pop_back();
    // Room for one byte more than statx reported: a full buffer means the
    // file grew, and the caller re-reads it.
    const size_t need = std::max<size_t>(kPage, (size + 1 + kPage - 1) / kPage * kPage);
    if (buffers->capacity[k] < need) {
      buffers->data[k].reset(new char[need]);
      buffers->capacity[k] = need;
    }
    const char* name = names[file].data();
    io_uring_sqe* sqe = io_uring_get_sqe(ring);
    io_uring_prep_openat_direct(sqe, dir_fd, name, O_RDONLY, 0, k);
    sqe->flags |= IOSQE_IO_LINK;
    io_uring_sqe_set_data64(sqe, tag(file, k, kOpen));
    sqe = io_uring_get_sqe(ring);
    io_uring_prep_read(sqe, static_cast<int>(k), buffers->data[k].get(),
                       static_cast<unsigned>(buffers->capacity[k]), 0);
    // A hard link: the close runs whatever the read returned (a short read
    // would break an ordinary link).
    sqe->flags |= IOSQE_FIXED_FILE | IOSQE_IO_HARDLINK;
    io_uring_sqe_set_data64(sqe, tag(file, k, kRead));
    sqe = io_uring_get_sqe(ring);
    io_uring_prep_close_direct(sqe, k);
    io_uring_sqe_set_data64(sqe, tag(file, k, kClose));
    slot_file[k] = file;
    slot_pending[k] = 3;
    slot_read_seen[k] = false;
    slot_size[k] = size;
    in_flight += 3;
  };

  auto queue_statx = [&](size_t file) {
    const unsigned b = free_stats.back();
    free_stats.pop_back();
    io_uring_sqe* sqe = io_uring_get_sqe(ring);
    io_uring_prep_statx(sqe, dir_fd, names[file].data(), 0, kKeyFields, &buffers->stats[b]);
    io_uring_sqe_set_data64(sqe, tag(file, b, kStatx));
    stat_file[b] = file;
    stat_busy[b] = true;
    ++in_flight;
  };

  auto complete = [&](const io_uring_cqe* cqe) {
    const uint64_t data = io_uring_cqe_get_data64(cqe);
    const size_t file = static_cast<size_t>(data >> 16);
    const unsigned b = static_cast<unsigned>((data >> 2) & 0x3fff);
    const int res = cqe->res;
    --in_flight;
    switch (static_cast<Op>(data & 3)) {
      case kStatx: {
        const struct statx& sx = buffers->stats[b];
        if (res < 0 || (sx.stx_mask & kKeyFields) != kKeyFields || !S_ISREG(sx.stx_mode)) {
          call([&] { sink.stat_failed(file); });
        } else {
          const FileKey key = file_key(sx);
          const uint64_t size = sx.stx_size;
          call([&] {
            if (!sink.stat_done(file, key)) return;
            if (size > kMaxRingRead) {
              sink.read_failed(file);
            } else {
              to_read.emplace_back(file, size);
            }
          });
        }
        stat_busy[b] = false;
        free_stats.push_back(b);
        return;
      }
      case kRead:
        slot_read_seen[b] = true;
        // Exactly the size statx reported: a short read (FUSE, NFS, a file
        // being rewritten) or a longer one is redone with system calls, so a
        // partial text is never parsed and cached under the full file's key.
        if (res >= 0 && static_cast<uint64_t>(res) == slot_size[b] &&
            static_cast<size_t>(res) < buffers->capacity[b]) {
          call([&] { sink.read_done(file, std::string_view(buffers->data[b].get(), res)); });
        } else {
          call([&] { sink.read_failed(file); });  // includes -ECANCELED after a failed open
        }
        break;
      case kOpen:
      case kClose:
        break;  // a failed open shows as a cancelled read
    }
    if (--slot_pending[b] == 0) free_slots.push_back(b);
  };

  int retries = 0;
  for (;;) {
    if (!failure) {
      while (read_head < to_read.size() && !free_slots.empty() &&
             io_uring_sq_space_left(ring) >= 3) {
        queue_read(to_read[read_head].first, to_read[read_head].second);
        ++read_head;
      }
      while (next_stat < n && !free_stats.empty() && io_uring_sq_space_left(ring) >= 1) {
        queue_statx(next_stat++);
      }
    }
    if (in_flight == 0) break;
    const int r = io_uring_submit_and_wait(ring, 1);
    if (r < 0) {
      if ((r != -EINTR && r != -EAGAIN && r != -EBUSY) || ++retries > kMaxEnterRetries) {
        ring_->broken = true;
        break;
      }
    } else {
      retries = 0;
    }
    io_uring_cqe* cqe;
    unsigned head;
    unsigned seen = 0;
    io_uring_for_each_cqe(ring, head, cqe) {
      ++seen;
      complete(cqe);
    }
    io_uring_cq_advance(ring, seen);
  }

  if (ring_->broken) {
    // Requests may still complete into `buffers`: keep them alive, and hand
    // every unfinished file back to the caller.
    (void)buffers.release();
    for (unsigned b = 0; b < kMaxStatx; ++b) {
      if (stat_busy[b]) call([&] { sink.stat_failed(stat_file[b]); });
    }
    for (unsigned k = 0; k < kSlots; ++k) {
      if (slot_pending[k] > 0 && !slot_read_seen[k]) call([&] { sink.read_failed(slot_file[k]); });
    }
    for (; read_head < to_read.size(); ++read_head) {
      call([&] { sink.read_failed(to_read[read_head].first); });
    }
    for (; next_stat < n; ++next_stat) call([&] { sink.stat_failed(next_stat); });
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace strata::script
