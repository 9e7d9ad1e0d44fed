// LEMON's network simplex on a DIMACS min-cost flow file: the near-limit reference for
// bench/allocation.ts. Prints "<milliseconds> <total cost> <status>" on one line.
//   g++ -O2 -o network-simplex network-simplex.cc -lemon && ./network-simplex < instance.min
#include <chrono>
#include <iostream>
#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

int main() {
  using namespace lemon;
  SmartDigraph g;
  SmartDigraph::ArcMap<long long> lower(g), capacity(g), cost(g);
  SmartDigraph::NodeMap<long long> supply(g);
  readDimacsMin(std::cin, g, lower, capacity, cost, supply);
  auto start = std::chrono::steady_clock::now();
  NetworkSimplex<SmartDigraph, long long, long long> simplex(g);
  simplex.lowerMap(lower).upperMap(capacity).costMap(cost).supplyMap(supply);
  auto status = simplex.run(NetworkSimplex<SmartDigraph, long long, long long>::BLOCK_SEARCH);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::cout << ms << " " << (status == NetworkSimplex<SmartDigraph, long long, long long>::OPTIMAL ? simplex.totalCost() : 0) << " "
            << (status == NetworkSimplex<SmartDigraph, long long, long long>::OPTIMAL ? "optimal" : "not-optimal") << std::endl;
}
