import itertools
instants = [
 "1535365800 0",            # 2018-08-27T10:30:00Z
 "1530918000 0",            # 2018-07-06T23:00:00Z
 "1609459199 987654321",    # 2020-12-31T23:59:59.987654321Z
 "1609459200 0",            # 2021-01-01T00:00:00Z
 "920592309 5",             # 1999-03-05T00:05:09.000000005Z
 "1546344000 100000000",    # 2019-01-01T12:00:00.1Z
 "0 0",                     # 1970-01-01T00:00:00Z
 "253402300800 0",          # 10000-01-01T00:00:00Z
 "-62135683200 0",          # 0000-12-31T00:00:00Z
]
zones = ["UTC", "Asia/Tokyo", "Asia/Kolkata", "America/Los_Angeles", "America/St_Johns", "Asia/Kathmandu", "Africa/Monrovia"]
pats = []
for L, mx in [("G",5),("y",6),("u",6),("Q",5),("M",5),("d",2),("D",3),("E",5),("a",1),("H",2),("k",2),("K",2),("h",2),("m",2),("s",2),("S",9),("Z",5),("X",5),("x",5)]:
    for n in range(1, mx+1):
        pats.append(L*n)
pats += ["O", "OOOO"]
pats += [
 "yyyy/MM/dd/HH/", "yyyy/MM/DDD/HH/", "yyyy'-'MM'-'dd", "'year='yyyy'/month='MM'/day='dd'/hour='HH",
 "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "EEE, d MMM yyyy HH:mm:ss Z", "h:mm a", "hh 'o''clock' a",
 "''", "''''", "'it''s'", "yyyy[-MM[-dd]]", "[yyyy]", "dt=yyyy-MM-dd/hr=HH", "yy/M/d/H",
 "K k h H", "uuuu-MM", "GGGG yyyy", "QQQ yyyy", "-_.!*()~ @$%^&+=;,", "é yyyy ü",
]
errs = ["dd d ddd", "ddd", "HHH", "aa", "MMMMMM", "EEEEEE", "OO", "OOO", "ZZZZZZ", "XXXXXX", "xxxxxx", "SSSSSSSSSS",
        "yyyy]", "'abc", "#", "yyyy{", "GGGGGG", "QQQQQQ", "DDDD", "mmm", "sss", "kkk", "KKK", "hhh"]
with open("in.txt", "w") as f:
    for p in pats:
        for i in instants:
            for z in zones:
                f.write(f"{i} {z}\t{p}\n")
    for p in errs:
        f.write(f"1535365800 0 UTC\t{p}\n")
