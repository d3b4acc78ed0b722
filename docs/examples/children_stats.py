#!/usr/bin/env python3
"""Pull a unit's children ranked on a metric (childrenStats) with an API key, and print a table.

Usage: CDVN_API_KEY=cdvn_... python3 children_stats.py --unit VN --year 2022 --metric INITIATIVES
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request

QUERY = """
query Ranking($code: String!, $year: Int!, $metric: StatsMetric!) {
  orgUnit(code: $code) {
    name
    childrenStats(year: $year, orderBy: $metric) {
      rank
      unit { code name }
      stats { members initiatives supportAmount }
    }
  }
}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("CDVN_URL", "http://localhost:4000/graphql"))
    parser.add_argument("--unit", default="VN")
    parser.add_argument("--year", type=int, default=2022)
    parser.add_argument("--metric", default="INITIATIVES")
    args = parser.parse_args()
    key = os.environ.get("CDVN_API_KEY")
    if not key:
        print("Set CDVN_API_KEY to an API key (see docs/api.md).", file=sys.stderr)
        return 2
    body = json.dumps(
        {"query": QUERY, "variables": {"code": args.unit, "year": args.year, "metric": args.metric}}
    ).encode()
    request = urllib.request.Request(
        args.url,
        data=body,
        headers={"content-type": "application/json", "authorization": f"Bearer {key}"},
    )
    try:
        with urllib.request.urlopen(request) as response:
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        answer = json.load(error)
    if answer.get("errors"):
        for error in answer["errors"]:
            print(f"{error['extensions'].get('code')}: {error['message']}", file=sys.stderr)
        return 1
    unit = answer["data"]["orgUnit"]
    print(f"{unit['name']}: {args.metric} in {args.year}")
    print("rank\tcode\tinitiatives\tmembers\tsupport (VND)\tname")
    for row in unit["childrenStats"]:
        stats = row["stats"]
        print(
            f"{row['rank']}\t{row['unit']['code']}\t{stats['initiatives']}\t{stats['members']}"
            f"\t{stats['supportAmount']}\t{row['unit']['name']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
