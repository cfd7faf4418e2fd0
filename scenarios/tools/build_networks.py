#!/usr/bin/env python3
"""Writes the four shipped networks from one table of rows, so that ids, shares and sources stay
consistent between them:

    scenarios/cross-pacific/      everything below, joined, with the shipping layer
    scenarios/semiconductors/     materials -> fabs -> assembly/test -> chip users
    scenarios/auto-parts/         chips -> tier-2 -> tier-1 -> assembly -> vehicle markets
    scenarios/critical-materials/ mines -> refiners -> users in Japan and the US

Run from the repository root:  python3 scenarios/tools/build_networks.py
It rewrites the CSV files of the four directories; each scenario.toml (settings, hazards,
interventions) is written from the templates at the end of this file.

A sub-network keeps a product's recipe only when it also holds the makers of the input; otherwise
the input's makers are raw sources there (for example, MCUs are raw in auto-parts). Every row
carries a `source` cell: "facts.md X" and "events.md E1 #n" are the project's reference notes
(/work/shared/reference), other sources are named with publisher/URL and year, and "assumption"
marks a modelling choice with its reason.
"""
import csv
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SEMI, AUTO, CM = "semi", "auto", "cm"

# --------------------------------------------------------------------------------------------
# Products. nets = sub-networks whose facilities make it (cross-pacific holds all).
# --------------------------------------------------------------------------------------------
A_PKG = "assumption: packaging and test add 25% to the wafer value (no sourced ATP margin; facts.md A6 gives the OSAT market, $44.5B in 2022, but not per wafer)"
PRODUCTS = [
    # id, name, unit, unit_value, sector, qualification_days, ttr_days, nets, source
    ("photoresist", "Photoresist (per 300 mm wafer start)", "wafer-kit", 25.64, "semiconductor-materials", 45, 90, {SEMI},
     "unit value: facts.md A3 photoresist market $3.3B (2019) / facts.md A4 14.1B sq in of wafers (2021) = $25.64 per 300 mm wafer start (as scenarios/tutorial); qualification 45 days: facts.md A7 ~40-50 days to test an alternative materials supplier (2019; [W]); ttr 90: assumption, by analogy with the 82-97 day fab recoveries of events.md E1 #2, #9"),
    ("silicon_wafer", "300 mm polished silicon wafer", "wafer", 97.91, "semiconductor-materials", 45, 82, {SEMI},
     "unit value: facts.md A4 $12.6B for 14.1B sq in (2021; SEMI) x 109.6 sq in per wafer (as scenarios/tutorial); qualification 45 days: facts.md A7 (~40-50 days, [W]); ttr 82: Naka's 2011 restart (events.md E1 #2) as an analogue"),
    ("hf", "High-purity hydrogen fluoride (etching gas/liquid)", "kg", 7.75, "semiconductor-materials", 45, 90, {SEMI},
     "unit value: facts.md C2 Japan's HF exports to Korea July 2019 479 t for JPY 401M = JPY 837/kg, at ~JPY 108/USD (assumption: 2019 average rate) = $7.75/kg; qualification 45: facts.md A7 (~40-50 days, [W]); ttr 90: assumption as photoresist"),
    ("fpi", "Fluorinated / photosensitive polyimide (packaging dielectric)", "wafer-kit", 5.0, "semiconductor-materials", 45, 90, {SEMI},
     "unit value $5 per wafer-equivalent: assumption (no sourced price; FPI is mostly a display material, used here as the polyimide dielectric of packaging); qualification 45: facts.md A7 ([W]); ttr 90: assumption as photoresist"),
    ("neon", "Semiconductor-grade neon", "kg", 100.0, "semiconductor-materials", 45, 180, {SEMI},
     "unit value $100/kg: assumption (facts.md events E1 #15 gives only relative price moves: +500% in 2022, $1,000 -> $6,000 per bottle in 2014); qualification 45: facts.md A7 ([W]); ttr 180: assumption (events.md E1 #15: replacement capacity up to 2 years, Cryoin could survive >=3 months closed)"),
    ("wafer_adv", "Processed logic wafer, <10 nm", "wafer", 16988, "semiconductors", 180, 97, {SEMI},
     "unit value: TSMC 5 nm wafer $16,988 (April 2020 price list via @chiakokhua; techpowerup.com forums / gadgetcrutches.com 2020); qualification 180 days: assumption (facts.md A7 gap: no sourced foundry-switch time; the 6-12 month lore is unsourced, we take the low end); ttr 97: Naka's return to 100% capacity after the 2021 fire (events.md E1 #9) as an analogue"),
    ("wafer_mature", "Processed logic/analog wafer, 28-45 nm", "wafer", 2600, "semiconductors", 180, 97, {SEMI},
     "unit value: TSMC 40 nm wafer ~$2,600 (2008) and 28 nm ~$3,000 (2011) (Electronic Times via smbom.com/news/11445, 2021); qualification 180: assumption as wafer_adv; ttr 97: events.md E1 #9"),
    ("wafer_mcu", "Processed automotive MCU wafer, 40 nm class", "wafer", 2600, "semiconductors", 90, 97, {SEMI},
     "unit value: 40 nm wafer ~$2,600 (smbom.com/news/11445, 2021, 2008 price); qualification 90: facts.md A7 Naka -> Saijo alternate-site ramp ~90 days to first shipments (2021); ttr 97: events.md E1 #9"),
    ("wafer_memory", "Processed memory wafer (DRAM/NAND)", "wafer", 3500, "semiconductors", 180, 97, {SEMI},
     "unit value $3,500: assumption (no sourced memory wafer price; between the 28 nm and 10 nm logic prices of smbom.com/news/11445 and techpowerup 2020); qualification 180: assumption as wafer_adv; ttr 97: events.md E1 #9"),
    ("compound_dev", "GaN/GaAs compound devices (LEDs, RF, power), packaged", "wafer-equivalent", 2000, "semiconductors", 90, 97, {SEMI, AUTO},
     "unit value $2,000 per wafer-equivalent: assumption (no sourced price); packaging folded into the fab node; qualification 90: facts.md A7 (~90 days alternate-site ramp); ttr 97: events.md E1 #9"),
    ("chip_adv", "Packaged advanced logic (<10 nm)", "wafer-equivalent", 21235, "semiconductors", 90, 64, {SEMI},
     "unit value: wafer_adv $16,988 x 1.25 (" + A_PKG + "); qualification 90: facts.md A7 (~90 days to first shipments from an alternate site); ttr 64: Tesla Shanghai 2022 closure-to-normal (events.md E1 #14) as an analogue"),
    ("chip_mature", "Packaged mature logic/analog/power chips (28-45 nm)", "wafer-equivalent", 3250, "semiconductors", 90, 64, {SEMI, AUTO},
     "unit value: wafer_mature $2,600 x 1.25 (" + A_PKG + "); qualification 90: facts.md A7; ttr 64: events.md E1 #14 analogue"),
    ("mcu", "Packaged automotive MCUs (2,000 per wafer-equivalent)", "wafer-equivalent", 6000, "semiconductors", 90, 64, {SEMI, AUTO},
     "unit value: $3 per MCU (assumption, as scenarios/tutorial; facts.md B3 gives the $7.6B auto MCU market but no unit count) x 2,000 MCUs per wafer (assumption, as the tutorial); qualification 90: facts.md A7; ttr 64: events.md E1 #14 analogue"),
    ("memory", "Packaged memory", "wafer-equivalent", 4375, "semiconductors", 90, 64, {SEMI},
     "unit value: wafer_memory $3,500 x 1.25 (" + A_PKG + "); qualification 90: facts.md A7; ttr 64: events.md E1 #14 analogue"),
    # critical materials
    ("gallium_crude", "Primary (low-purity, 4N) gallium", "kg", 350, "critical-materials", 90, 180, {CM},
     "unit value: ~$350/kg (July 2023; facts.md C1, Reuters 2025); qualification 90: assumption (materials re-sourcing, twice facts.md A7's 40-50 days for a metal feedstock); ttr 180: assumption (a by-product of alumina refineries; restart of a refinery circuit)"),
    ("gallium_hp", "High-purity (6N-7N) gallium", "kg", 725, "critical-materials", 90, 120, {CM, SEMI},
     "unit value: ~$725/kg (May 2025; facts.md C1, Reuters 2025) used as the refined price; qualification 90: assumption as gallium_crude; ttr 120: assumption"),
    ("germanium", "Refined germanium (metal/GeO2/GeCl4)", "kg", 1500, "critical-materials", 90, 120, {CM},
     "unit value $1,500/kg: assumption (order of magnitude; facts.md C1 gives volumes, not prices); qualification 90 and ttr 120: assumptions as gallium"),
    ("ree_conc", "Rare-earth concentrate (kg REO)", "kg", 5, "critical-materials", 90, 180, {CM},
     "unit value $5/kg REO in concentrate: assumption (no sourced price); qualification 90: assumption; ttr 180: assumption (mine restart)"),
    ("ree_oxide", "Separated NdPr oxide", "kg", 70, "critical-materials", 180, 180, {CM},
     "unit value $70/kg: assumption (no sourced price); qualification 180: assumption (separation products need magnet-maker qualification); ttr 180: assumption"),
    ("magnet", "Sintered NdFeB magnets", "kg", 80, "critical-materials", 180, 120, {CM, AUTO},
     "unit value $80/kg: assumption (no sourced price); qualification 180: assumption (automotive magnet grades); ttr 120: assumption"),
    ("lithium_ore", "Lithium ore/brine (kg Li contained)", "kg", 10, "critical-materials", 90, 180, {CM},
     "unit value $10/kg Li contained: assumption; qualification 90, ttr 180: assumptions"),
    ("lithium", "Battery-grade lithium chemicals (kg Li contained)", "kg", 90, "critical-materials", 120, 120, {CM},
     "unit value $90/kg Li (~$17/kg carbonate x 5.3 kg LCE per kg Li): assumption, no sourced price; qualification 120: assumption (cathode makers qualify chemical grades); ttr 120: assumption"),
    ("nickel_ore", "Nickel ore/intermediate (kg Ni contained)", "kg", 10, "critical-materials", 90, 180, {CM},
     "unit value $10/kg Ni: assumption; qualification 90, ttr 180: assumptions"),
    ("nickel", "Class-1 nickel (sulphate/metal, kg Ni)", "kg", 17, "critical-materials", 120, 120, {CM},
     "unit value $17/kg: assumption (order of the 2024 LME price, not a sourced figure here); qualification 120, ttr 120: assumptions"),
    ("cobalt_ore", "Cobalt hydroxide (kg Co contained)", "kg", 15, "critical-materials", 90, 180, {CM},
     "unit value $15/kg Co: assumption; qualification 90, ttr 180: assumptions"),
    ("cobalt", "Refined cobalt (sulphate/metal, kg Co)", "kg", 30, "critical-materials", 120, 120, {CM},
     "unit value $30/kg: assumption; qualification 120, ttr 120: assumptions"),
    ("graphite", "Graphite for anodes (natural flake/spherical, kg)", "kg", 1, "critical-materials", 120, 180, {CM},
     "unit value $1/kg: assumption; qualification 120: assumption (anode makers qualify graphite feed); ttr 180: assumption (mine)"),
    ("cathode", "Cathode active material (set for 1 kWh of cells)", "kWh-set", 40, "batteries", 180, 120, {CM},
     "unit value $40 per kWh-set: assumption (metal contents below at the prices above ~ $22 plus processing); qualification 180 and ttr 120: assumptions"),
    ("anode", "Anode active material (set for 1 kWh of cells)", "kWh-set", 8, "batteries", 180, 120, {CM},
     "unit value $8 per kWh-set: assumption; qualification 180 and ttr 120: assumptions"),
    ("battery_cell", "Lithium-ion cells", "kWh", 100, "batteries", 180, 120, {CM},
     "unit value $100/kWh: assumption (order of magnitude of published cell prices, not a sourced figure here); qualification 180 and ttr 120: assumptions"),
    # auto parts
    ("wire_harness", "Wire harness (one vehicle set)", "set", 500, "auto-parts", 90, 30, {AUTO},
     "unit value $500: assumption; qualification 90: assumption (facts.md A7: no sourced automotive re-qualification time); ttr 30: assumption (labour-intensive plants restart fast)"),
    ("motor", "Small electric motor/actuator with NdFeB magnet", "motor", 30, "auto-parts", 90, 30, {AUTO},
     "unit value $30: assumption; qualification 90 and ttr 30: assumptions"),
    ("ecu", "Electronic control unit (module)", "module", 100, "auto-parts", 180, 30, {AUTO},
     "unit value $100 and qualification 180: assumptions as scenarios/tutorial (facts.md A7 gap); ttr 30: assumption as the tutorial tier-1"),
    ("lamp", "LED lamp module", "module", 150, "auto-parts", 90, 30, {AUTO},
     "unit value $150: assumption; qualification 90 and ttr 30: assumptions"),
    ("vehicle", "Light vehicle (Japanese brand)", "vehicle", 30716, "automotive", 0, 64, {AUTO},
     "unit value: facts.md B1 US vehicle imports 8.1M worth $248.8B (2024; CRS) = $30,716 a vehicle; qualification 0: a market can switch between assembly plants at once (assumption: dealers take any plant's vehicles of a brand); ttr 64: Tesla Shanghai 2022 (events.md E1 #14) as an analogue"),
]
PROD = {p[0]: p for p in PRODUCTS}

# --------------------------------------------------------------------------------------------
# Recipes: (product, input, per_unit, source)
# --------------------------------------------------------------------------------------------
A_YIELD = "assumption: yield losses ignored, one wafer in per wafer-equivalent out"
NEON_KG = 0.0042
RECIPES = [
    *[(w, "photoresist", 1, "one wafer-kit of resist per wafer start (the unit of photoresist, averaged over nodes; facts.md A3/A4 derivation in products.csv)") for w in ("wafer_adv", "wafer_mature", "wafer_mcu", "wafer_memory")],
    *[(w, "silicon_wafer", 1, "one polished wafer per processed wafer: " + A_YIELD) for w in ("wafer_adv", "wafer_mature", "wafer_mcu", "wafer_memory")],
    *[(w, "hf", 0.5, "0.5 kg of high-purity HF per wafer start: assumption (no sourced consumption figure)") for w in ("wafer_adv", "wafer_mature", "wafer_mcu", "wafer_memory")],
    *[(w, "neon", NEON_KG, "0.0042 kg/wafer: facts.md A5 ~540 t of neon used in chipmaking (2021) / 128.7M 300 mm-equivalent wafers (facts.md A4 14.1B sq in, 2021)") for w in ("wafer_adv", "wafer_mature", "wafer_mcu", "wafer_memory")],
    ("compound_dev", "gallium_hp", 0.05, "0.05 kg of gallium per wafer-equivalent of GaN/GaAs devices: assumption (no sourced figure); 90 days of gallium in stock: assumption - users of minor metals hold months, and front-loaded ahead of China's 2023 controls (July 2023 gallium exports +372% m/m, facts.md C2)", 90),
    ("compound_dev", "photoresist", 1, "one wafer-kit of resist per wafer start: assumption, as for silicon fabs"),
    ("chip_adv", "wafer_adv", 1, A_YIELD), ("chip_adv", "fpi", 1, "one wafer-kit of polyimide per wafer-equivalent: assumption (unit of fpi)"),
    ("chip_mature", "wafer_mature", 1, A_YIELD), ("chip_mature", "fpi", 1, "assumption as chip_adv"),
    ("mcu", "wafer_mcu", 1, A_YIELD), ("mcu", "fpi", 1, "assumption as chip_adv"),
    ("memory", "wafer_memory", 1, A_YIELD), ("memory", "fpi", 1, "assumption as chip_adv"),
    # critical materials
    ("gallium_hp", "gallium_crude", 1.1, "1.1 kg of 4N gallium per kg of 6N-7N: assumption (refining losses ~10%)"),
    ("ree_oxide", "ree_conc", 1.7, "1.7 kg REO in concentrate per kg of separated NdPr oxide: assumption (NdPr is a fraction of the REO; no sourced figure)"),
    ("magnet", "ree_oxide", 0.3, "0.3 kg NdPr oxide per kg NdFeB: assumption (Nd+Pr are ~30% of an NdFeB magnet by mass)"),
    ("lithium", "lithium_ore", 1.1, "1.1 kg Li in ore per kg Li in chemicals: assumption (~90% refinery recovery)"),
    ("nickel", "nickel_ore", 1.05, "1.05: assumption (~95% recovery)"),
    ("cobalt", "cobalt_ore", 1.05, "1.05: assumption (~95% recovery)"),
    ("cathode", "lithium", 0.128, "0.128 kg Li per kWh: Volkswagen Group Components chart of a 60-65 kWh NMC pack (8 kg Li) via en.avtotachki.com/elektrowoz.pl (~2021), 8/62.5"),
    ("cathode", "nickel", 0.656, "0.656 kg Ni per kWh: VW Group Components via avtotachki (41 kg Ni in 60-65 kWh), 41/62.5"),
    ("cathode", "cobalt", 0.144, "0.144 kg Co per kWh: VW Group Components via avtotachki (9 kg Co in 60-65 kWh), 9/62.5"),
    ("anode", "graphite", 1.136, "1.136 kg graphite per kWh: VW Group Components via avtotachki (71 kg in 60-65 kWh), 71/62.5"),
    ("battery_cell", "cathode", 1, "one cathode set per kWh (unit of cathode)"),
    ("battery_cell", "anode", 1, "one anode set per kWh (unit of anode)"),
    # auto parts
    ("ecu", "mcu", 0.0015, "3 MCUs per ECU (assumption, as scenarios/tutorial) / 2,000 MCUs per wafer-equivalent"),
    ("ecu", "chip_mature", 0.01, "10 other chips per ECU at 1,000 per mature wafer-equivalent: assumption (facts.md B3: up to 1,400 chips per vehicle, AlixPartners 2021)"),
    ("motor", "magnet", 0.2, "0.2 kg NdFeB per motor: up to 200 g of NdFeB in an EPS system (pmarketresearch.com, ~2024, [W])"),
    ("lamp", "compound_dev", 0.004, "20 LEDs per lamp at 5,000 per wafer-equivalent: assumption"),
    ("vehicle", "ecu", 10, "10 ECU modules per vehicle: assumption, as scenarios/tutorial"),
    ("vehicle", "motor", 5, "5 magnet motors per vehicle = 1 kg NdFeB: assumption between ~0.1 kg of micro-motor magnets in a conventional car (zjmagnets.com [W]) and 1-1.5 kg in a small electrified car's traction motor (us.ok.com [W]), with hybrids ~55% of Japanese passenger-car sales in 2023 (wifitalents.com [W])"),
    ("vehicle", "wire_harness", 1, "one harness set per vehicle (unit)"),
    ("vehicle", "lamp", 2, "two headlamp modules per vehicle: assumption"),
]

# --------------------------------------------------------------------------------------------
# Regions: id, name, country, source
# --------------------------------------------------------------------------------------------
RS = "hazard-footprint key; country ISO 3166-1 alpha-3"
REGIONS = [
    ("JPN-Kanto", "Kanto (Tokyo, Kanagawa, Ibaraki, Gunma)", "JPN", RS + "; Kanto M7 earthquake zone (scenario.toml)"),
    ("JPN-Tohoku", "Tohoku (Fukushima, Miyagi, Iwate, Yamagata)", "JPN", RS + "; the 2011 earthquake footprint (events.md E1 #2)"),
    ("JPN-Tokai", "Tokai (Aichi, Mie, Shizuoka)", "JPN", RS + "; Nankai Trough coast"),
    ("JPN-Kansai", "Kansai (Osaka, Hyogo, Kyoto)", "JPN", RS + "; Nankai Trough coast"),
    ("JPN-Shikoku", "Shikoku (Ehime, Tokushima)", "JPN", RS + "; Nankai Trough coast"),
    ("JPN-Kyushu", "Kyushu (Kumamoto, Saga, Fukuoka)", "JPN", RS),
    ("TWN-Hsinchu", "Hsinchu Science Park", "TWN", RS),
    ("TWN-Taoyuan", "Taoyuan", "TWN", RS + "; Taoyuan international airport"),
    ("TWN-Taichung", "Taichung", "TWN", RS),
    ("TWN-Tainan", "Tainan (Southern Taiwan Science Park)", "TWN", RS),
    ("TWN-Kaohsiung", "Kaohsiung", "TWN", RS + "; Port of Kaohsiung"),
    ("KOR-Gyeonggi", "Gyeonggi (Hwaseong, Pyeongtaek, Icheon)", "KOR", RS),
    ("KOR-Chungcheong", "Chungcheong (Cheonan, Ochang, Gongju)", "KOR", RS),
    ("KOR-Gyeongbuk", "Gyeongbuk (Gumi)", "KOR", RS),
    ("KOR-Busan", "Busan", "KOR", RS + "; Port of Busan"),
    ("CHN-Shanghai", "Shanghai", "CHN", RS + "; Port of Shanghai"),
    ("CHN-Jiangsu", "Jiangsu (Wuxi, Suzhou)", "CHN", RS),
    ("CHN-Zhejiang", "Zhejiang (Ningbo)", "CHN", RS),
    ("CHN-Hubei", "Hubei (Wuhan)", "CHN", RS),
    ("CHN-Guangdong", "Guangdong (Shenzhen, Dongguan)", "CHN", RS),
    ("CHN-Fujian", "Fujian (Ningde, Xiamen)", "CHN", RS + "; on the Taiwan Strait"),
    ("CHN-Hunan", "Hunan", "CHN", RS),
    ("CHN-Sichuan", "Sichuan", "CHN", RS),
    ("CHN-Shandong", "Shandong", "CHN", RS),
    ("CHN-InnerMongolia", "Inner Mongolia (Baotou, Bayan Obo)", "CHN", RS),
    ("CHN-Heilongjiang", "Heilongjiang", "CHN", RS),
    ("CHN-Yunnan", "Yunnan", "CHN", RS),
    ("USA-California", "California", "USA", RS + "; San Pedro Bay ports"),
    ("USA-Washington", "Washington", "USA", RS + "; Seattle/Tacoma"),
    ("USA-Arizona", "Arizona", "USA", RS),
    ("USA-Texas", "Texas", "USA", RS),
    ("USA-NewYork", "New York", "USA", RS),
    ("USA-Idaho", "Idaho", "USA", RS),
    ("USA-NorthCarolina", "North Carolina", "USA", RS),
    ("USA-Massachusetts", "Massachusetts", "USA", RS),
    ("USA-Oklahoma", "Oklahoma", "USA", RS),
    ("USA-Michigan", "Michigan", "USA", RS),
    ("USA-Kentucky", "Kentucky", "USA", RS),
    ("USA-Ohio", "Ohio", "USA", RS),
    ("USA-Tennessee", "Tennessee", "USA", RS),
    ("USA-Illinois", "Illinois", "USA", RS),
    ("USA-Nevada", "Nevada", "USA", RS),
    ("USA-National", "United States (nationwide)", "USA", "region of nationwide markets; country ISO 3166-1 alpha-3"),
    ("JPN-National", "Japan (nationwide)", "JPN", "region of nationwide markets; country ISO 3166-1 alpha-3"),
    ("MEX-Guanajuato", "Guanajuato (Bajio)", "MEX", RS),
    ("MEX-Aguascalientes", "Aguascalientes", "MEX", RS),
    ("MEX-Chihuahua", "Chihuahua (Ciudad Juarez)", "MEX", RS),
    ("MEX-NuevoLeon", "Nuevo Leon (Monterrey)", "MEX", RS),
    ("MEX-Colima", "Colima (Manzanillo)", "MEX", RS + "; Port of Manzanillo"),
    ("MYS-Penang", "Penang", "MYS", RS),
    ("MYS-Pahang", "Pahang (Kuantan)", "MYS", RS),
    ("SGP", "Singapore", "SGP", RS),
    ("VNM-North", "Northern Vietnam (Hai Phong)", "VNM", RS),
    ("PHL-Mindanao", "Mindanao (Surigao)", "PHL", RS),
    ("IDN-Sulawesi", "Sulawesi (Morowali)", "IDN", RS),
    ("AUS-WA", "Western Australia", "AUS", RS),
    ("CHL-Antofagasta", "Antofagasta (Atacama)", "CHL", RS),
    ("COD-Katanga", "Katanga copperbelt", "COD", RS),
    ("MOZ-CaboDelgado", "Cabo Delgado (Balama)", "MOZ", RS),
    ("MMR-Kachin", "Kachin State", "MMR", RS),
    ("CAN-BC", "British Columbia (Trail)", "CAN", RS),
    ("DEU-Saxony", "Saxony / Bavaria", "DEU", RS),
    ("UKR-South", "Southern Ukraine (Odesa, Mariupol)", "UKR", RS),
]
REGION_COUNTRY = {r[0]: r[2] for r in REGIONS}

# --------------------------------------------------------------------------------------------
# Chokepoints: id, name, kind, country, region, lat, lon, source
# --------------------------------------------------------------------------------------------
CHOKEPOINTS = [
    ("SHANGHAI", "Port of Shanghai", "port", "CHN", "CHN-Shanghai", 30.63, 122.07, "facts.md D2: ~49.2M TEU (2023; AJOT), the world's largest container port; events.md E1 #14: 2022 lockdown; stands for the Yangtze-delta ports (Ningbo modelled with it); lat/lon approximate"),
    ("BUSAN", "Port of Busan", "port", "KOR", "KOR-Busan", 35.10, 129.04, "facts.md D2: 23.5M TEU (2022; AJOT); stands for Korea's ports; lat/lon approximate"),
    ("KAOHSIUNG", "Port of Kaohsiung", "port", "TWN", "TWN-Kaohsiung", 22.61, 120.28, "facts.md D2: 10.45M TEU (2018; WSC); stands for Taiwan's container ports (assumption: Taichung/Keelung not modelled); lat/lon approximate"),
    ("KEIHIN", "Keihin ports (Tokyo, Yokohama, Kawasaki)", "port", "JPN", "JPN-Kanto", 35.45, 139.66, "facts.md D2: 7.98M TEU (2017; WSC); lat/lon approximate"),
    ("NAGOYA", "Port of Nagoya", "port", "JPN", "JPN-Tokai", 35.05, 136.88, "added for Tokai exports (Toyota's home port); facts.md has no throughput figure for it; lat/lon approximate"),
    ("LA-LB", "San Pedro Bay ports (Los Angeles / Long Beach)", "port", "USA", "USA-California", 33.74, -118.24, "facts.md D2: 16.65M TEU (2023; PMSA), ~40% of US container imports (2021); events.md E1 #11: 2020-22 congestion; lat/lon approximate"),
    ("SEA-TAC", "Northwest Seaport Alliance (Seattle / Tacoma)", "port", "USA", "USA-Washington", 47.27, -122.41, "facts.md D2: NWSA 1.87M TEU Jan-Aug 2023 (maritime-network.com); 135,841 inbound loaded TEU Sept 2024 vs 914,802 at LA+LB (PMSA); lat/lon approximate"),
    ("MANZANILLO", "Port of Manzanillo", "port", "MEX", "MEX-Colima", 19.06, -104.31, "facts.md D2: 135,301 inbound loaded TEU Sept 2024 (PMSA); Mexico's main Pacific container port; lat/lon approximate"),
    ("LAREDO", "Laredo / Nuevo Laredo border crossings", "border", "USA", "USA-Texas", 27.50, -99.51, "stands for the US-Mexico land border crossings by road and rail: assumption (facts.md has no border throughput figure); lat/lon approximate"),
    ("TAIWAN-STRAIT", "Taiwan Strait", "strait", "TWN", None, 24.00, 119.50, "facts.md D3: ~$2.45T of goods in 2022 (>1/5 of maritime trade; CSIS 2024), about half the container fleet and 88% of the largest ships by tonnage (Bloomberg 2022); country = a coastal state; lat/lon mid-strait"),
    ("LUZON-STRAIT", "Luzon Strait (Bashi Channel)", "strait", "PHL", None, 20.50, 121.00, "facts.md D3: no quantitative traffic share found; the passage south of Taiwan; country = a coastal state; lat/lon mid-strait"),
    ("MALACCA", "Strait of Malacca", "strait", "MYS", None, 2.50, 101.50, "facts.md D3: 23.7 mb/d of oil (2023; EIA), >50,000 ships a year (2010; Reuters); narrowest ~1.5 nm (Phillips Channel); country = a coastal state; lat/lon approximate"),
    ("PANAMA", "Panama Canal", "canal", "PAN", None, 9.08, -79.68, "facts.md D3: 36-38 transits/day normally, ~5% of world maritime commerce, ~2/3 of cargo to/from the US; events.md E1 #18: 2023-24 drought; lat/lon approximate"),
    ("TPE", "Taoyuan international airport (air cargo)", "airport", "TWN", "TWN-Taoyuan", 25.08, 121.23, "facts.md D4: air carries 47% of Taiwan's trade by value (2021; Digitimes), driven by semiconductors; lat/lon approximate"),
    ("KHH-AIR", "Kaohsiung international airport (air cargo)", "airport", "TWN", "TWN-Kaohsiung", 22.58, 120.35, "Taiwan's second cargo airport, used as the alternate of TPE: assumption (facts.md has no figure for it); lat/lon approximate"),
    ("NRT", "Narita international airport (air cargo)", "airport", "JPN", "JPN-Kanto", 35.77, 140.39, "Japan's main air-cargo gateway: assumption (facts.md D1 has air transit <48 h only); lat/lon approximate"),
    ("KIX", "Kansai international airport (air cargo)", "airport", "JPN", "JPN-Kansai", 34.43, 135.23, "alternate of NRT: assumption (no figure in facts.md); lat/lon approximate"),
    ("ICN", "Incheon international airport (air cargo)", "airport", "KOR", "KOR-Gyeonggi", 37.46, 126.44, "Korea's air-cargo gateway: assumption (no figure in facts.md); lat/lon approximate"),
    ("PVG", "Shanghai Pudong airport (air cargo)", "airport", "CHN", "CHN-Shanghai", 31.14, 121.81, "China's largest air-cargo gateway: assumption (no figure in facts.md); lat/lon approximate"),
    ("PEN", "Penang international airport (air cargo)", "airport", "MYS", "MYS-Penang", 5.30, 100.28, "gateway of the Penang assembly/test cluster: assumption (no figure in facts.md); lat/lon approximate"),
]

# --------------------------------------------------------------------------------------------
# Facilities: id, name, kind, country, region, product, utilization, inventory_days, lat, lon, tags, source
# nets are derived from the product (a facility belongs to the sub-networks of its product).
# --------------------------------------------------------------------------------------------
F = []


def fac(id, name, kind, region, product, util=None, inv=None, lat=None, lon=None, tags="", src="", cap=None):
    F.append(dict(id=id, name=name, kind=kind, country=REGION_COUNTRY[region], region=region, product=product,
                  utilization=util, capacity=cap, inventory_days=inv, lat=lat, lon=lon, tags=tags, source=src))


U85 = "utilization 0.85: assumption (scenario default; facts.md A7 reports >=90% only for fabs in the 2021 shortage)"
U90 = "utilization 0.9: facts.md A7 fabs >=90% utilized (2021; Commerce RFI)"
INV_FAB = "inventory 30 days of materials: Korean fabs held ~1 month of Japanese resist/HF in 2019 (events.md E1 #6; Yomiuri)"
INV_OSAT = "inventory 30 days of wafers: Renesas held ~1 month of finished inventory at the 2021 fire (facts.md A7; Nikkei), used as the fab-to-package buffer"
RAW = "raw source in this model (inputs not modelled)"
LOC = "location illustrative (approximate)"

# semiconductor materials
fac("RESIST-KANTO", "Photoresist, Kanagawa (TOK/JSR-like)", "materials", "JPN-Kanto", "photoresist", 0.85, None, 35.37, 139.38, "photoresist;japan-materials", "role: Japanese firms ~90% of photoresist (facts.md A4, 2019 and 2025); " + U85 + "; " + RAW + "; " + LOC)
fac("RESIST-TOKAI", "Photoresist, Yokkaichi, Mie (JSR-like)", "materials", "JPN-Tokai", "photoresist", 0.85, None, 34.97, 136.62, "photoresist;japan-materials", "role: second Japanese resist site (facts.md A4); " + U85 + "; " + RAW + "; " + LOC)
fac("RESIST-US", "Photoresist, Massachusetts (DuPont-like)", "materials", "USA-Massachusetts", "photoresist", 0.85, None, 42.35, -71.55, "photoresist", "role: non-Japanese resist (facts.md A4: Japanese ~90%, the rest elsewhere); " + U85 + "; " + RAW + "; " + LOC)
fac("RESIST-KR", "Photoresist, Korea (Dongjin-like)", "materials", "KOR-Gyeonggi", "photoresist", 0.85, None, 37.20, 127.10, "photoresist", "role: Korean resist grown after 2019 (facts.md C2: Korea sourced resist partly elsewhere); " + U85 + "; " + RAW + "; " + LOC)
fac("WAFER-TOHOKU", "Silicon wafers, Fukushima (Shin-Etsu-like)", "materials", "JPN-Tohoku", "silicon_wafer", 0.85, None, 37.13, 140.21, "silicon-wafer;japan-materials", "role: Shin-Etsu 29.4% of wafers (~2020; facts.md A4); Japan 56% (facts.md A3); " + U85 + "; " + RAW + "; " + LOC)
fac("WAFER-KYUSHU", "Silicon wafers, Saga (SUMCO-like)", "materials", "JPN-Kyushu", "silicon_wafer", 0.85, None, 33.27, 129.88, "silicon-wafer;japan-materials", "role: SUMCO 21.9% (~2020; facts.md A4); " + U85 + "; " + RAW + "; " + LOC)
fac("WAFER-HSINCHU", "Silicon wafers, Hsinchu (GlobalWafers-like)", "materials", "TWN-Hsinchu", "silicon_wafer", 0.85, None, 24.78, 121.00, "silicon-wafer", "role: Taiwan 16% of wafers (facts.md A3, 2019); " + U85 + "; " + RAW + "; " + LOC)
fac("WAFER-KR", "Silicon wafers, Gumi (SK Siltron-like)", "materials", "KOR-Gyeongbuk", "silicon_wafer", 0.85, None, 36.12, 128.34, "silicon-wafer", "role: Korea 10% (facts.md A3, 2019); " + U85 + "; " + RAW + "; " + LOC)
fac("WAFER-DE", "Silicon wafers, Germany (Siltronic-like)", "materials", "DEU-Saxony", "silicon_wafer", 0.85, None, 50.92, 13.34, "silicon-wafer", "role: Germany 14% (facts.md A3, 2019); " + U85 + "; " + RAW + "; " + LOC)
fac("HF-KANSAI", "High-purity HF, Osaka (Stella Chemifa/Morita-like)", "materials", "JPN-Kansai", "hf", 0.85, None, 34.65, 135.43, "hf;japan-materials", "role: Japan ~70% of HF (facts.md A4, 2019); " + U85 + "; " + RAW + "; " + LOC)
fac("HF-KR", "High-purity HF, Korea (Soulbrain-like)", "materials", "KOR-Chungcheong", "hf", 0.85, None, 36.45, 127.12, "hf", "role: Korean HF substitution after 2019 (facts.md C2: Japan's share of Korea's HF imports 32.2% -> 12.8%); " + U85 + "; " + RAW + "; " + LOC)
fac("HF-CN", "High-purity HF, Zhejiang", "materials", "CHN-Zhejiang", "hf", 0.85, None, 29.10, 119.65, "hf", "role: Chinese HF (rest of facts.md A4's 30% non-Japanese share; assumption); " + U85 + "; " + RAW + "; " + LOC)
fac("FPI-JP", "Polyimide, Ehime (Sumitomo Chemical-like)", "materials", "JPN-Shikoku", "fpi", 0.85, None, 33.96, 133.28, "fpi;japan-materials", "role: Japan ~90% of fluorinated polyimide (facts.md A4, 2019); " + U85 + "; " + RAW + "; " + LOC)
fac("FPI-KR", "Polyimide, Korea (Kolon-like)", "materials", "KOR-Gyeongbuk", "fpi", 0.85, None, 36.10, 128.40, "fpi", "role: the ~10% non-Japanese share (facts.md A4) and Korea's post-2019 substitution (facts.md C2); " + U85 + "; " + RAW + "; " + LOC)
fac("NEON-UA", "Neon, Odesa/Mariupol (Cryoin/Ingas-like)", "materials", "UKR-South", "neon", 0.85, None, 46.48, 30.73, "neon", "role: Ukraine 45-54% of semiconductor-grade neon (2021; facts.md A5); 2021 pre-war shares kept as the reference; " + U85 + "; " + RAW + "; " + LOC)
fac("NEON-CN", "Neon, China", "materials", "CHN-Jiangsu", "neon", 0.85, None, 31.30, 120.60, "neon", "role: share of the non-Ukrainian neon (assumption); " + U85 + "; " + RAW + "; " + LOC)
fac("NEON-US", "Neon, US (Linde-like)", "materials", "USA-Texas", "neon", 0.85, None, 29.70, -95.00, "neon", "role: share of the non-Ukrainian neon (assumption); " + U85 + "; " + RAW + "; " + LOC)

# fabs
FAB_SRC = U90 + "; " + INV_FAB + "; " + LOC
fac("FAB-TW-ADV", "Advanced logic foundry, Tainan (TSMC Fab 18-like)", "fab", "TWN-Tainan", "wafer_adv", 0.9, 30, 23.11, 120.27, "foundry;advanced", "role: Taiwan 92% of <10 nm capacity (2019; facts.md A1/A2), TSMC 67% of sub-7 nm foundry sales (Q4 2023; facts.md A6); " + FAB_SRC)
fac("FAB-KR-ADV", "Advanced logic foundry, Hwaseong (Samsung-like)", "fab", "KOR-Gyeonggi", "wafer_adv", 0.9, 30, 37.20, 127.07, "foundry;advanced", "role: Korea 8% of <10 nm (2019; facts.md A1); " + FAB_SRC)
fac("FAB-US-ADV", "Advanced logic foundry, Arizona (TSMC Fab 21-like)", "fab", "USA-Arizona", "wafer_adv", 0.9, 30, 33.75, -112.13, "foundry;advanced", "role: N4 volume production from Q4 2024, ~10,000 wafers/month (Tom's Hardware via gagadget.com 2025); " + FAB_SRC)
fac("FAB-TW-MAT", "Mature logic foundry, Hsinchu (UMC/TSMC-like)", "fab", "TWN-Hsinchu", "wafer_mature", 0.9, 30, 24.77, 121.01, "foundry;mature", "role: Taiwan 47% of 28-45 nm (2019; facts.md A2); " + FAB_SRC)
fac("FAB-CN-MAT", "Mature logic foundry, Shanghai (SMIC/Hua Hong-like)", "fab", "CHN-Shanghai", "wafer_mature", 0.9, 30, 31.20, 121.60, "foundry;mature", "role: China 19% of 28-45 nm (2019; facts.md A2); " + FAB_SRC)
fac("FAB-US-MAT", "Mature logic foundry, New York (GlobalFoundries-like)", "fab", "USA-NewYork", "wafer_mature", 0.9, 30, 42.97, -73.76, "foundry;mature", "role: US 6% of 28-45 nm (2019; facts.md A2); " + FAB_SRC)
fac("FAB-JP-MAT", "Mature logic foundry, Kumamoto (JASM-like)", "fab", "JPN-Kyushu", "wafer_mature", 0.9, 30, 32.88, 130.85, "foundry;mature", "role: half of facts.md A2's 'other' 28% of 28-45 nm (assumption: Japan and Singapore split it); " + FAB_SRC)
fac("FAB-SG-MAT", "Mature logic foundry, Singapore (GF/UMC-like)", "fab", "SGP", "wafer_mature", 0.9, 30, 1.38, 103.95, "foundry;mature", "role: other half of facts.md A2's 'other' 28% (assumption); " + FAB_SRC)
fac("FAB-TW-MCU", "MCU foundry lines, Taiwan (TSMC-like)", "fab", "TWN-Hsinchu", "wafer_mcu", 0.9, 30, 24.78, 120.99, "foundry;mcu", "role: 6 of 7 Renesas 40 nm MCUs ordered from TSMC (facts.md A6, 2021); share 0.6 of all auto MCU wafers: assumption; " + FAB_SRC)
fac("FAB-NAKA", "Renesas Naka-like MCU fab, Ibaraki", "fab", "JPN-Kanto", "wafer_mcu", 0.9, 30, 36.40, 140.53, "idm;mcu", "role: Naka ~25% of Renesas auto-MCU capacity (2011; facts.md B3), Renesas ~30% of auto MCUs (2021; facts.md B3); events.md E1 #2, #9; " + FAB_SRC)
fac("FAB-JP-MCU", "MCU fab, Kumamoto (Renesas Kawashiri-like)", "fab", "JPN-Kyushu", "wafer_mcu", 0.9, 30, 32.73, 130.70, "idm;mcu", "role: Renesas' other Japanese MCU capacity (facts.md B3), share assumption; " + FAB_SRC)
fac("FAB-US-MCU", "MCU fab, Austin (NXP-like)", "fab", "USA-Texas", "wafer_mcu", 0.9, 30, 30.40, -97.70, "idm;mcu", "role: NXP+Renesas+Infineon ~70% of auto MCUs (facts.md B3); share assumption; " + FAB_SRC)
fac("FAB-DE-MCU", "MCU fab, Dresden (Infineon-like)", "fab", "DEU-Saxony", "wafer_mcu", 0.9, 30, 51.12, 13.71, "idm;mcu", "role: Infineon 29% of auto MCUs (2023; facts.md B3); share assumption; " + FAB_SRC)
fac("FAB-KR-MEM", "Memory fab, Pyeongtaek (Samsung/SK hynix-like)", "fab", "KOR-Gyeonggi", "wafer_memory", 0.9, 30, 37.02, 127.05, "memory", "role: Samsung 40% + SK hynix 29% of DRAM (depend-ele.com ~2023); Korea memory-wafer share 0.45: assumption; " + FAB_SRC)
fac("FAB-JP-MEM", "NAND fab, Yokkaichi (Kioxia-like)", "fab", "JPN-Tokai", "wafer_memory", 0.9, 30, 34.99, 136.58, "memory", "role: Kioxia/WD NAND in Japan (Toshiba 16.8% of NAND per IHS Markit via y.tt); share 0.17: assumption; " + FAB_SRC)
fac("FAB-TW-MEM", "DRAM fab, Taichung (Micron-like)", "fab", "TWN-Taichung", "wafer_memory", 0.9, 30, 24.21, 120.62, "memory", "role: Micron 22% of DRAM (depend-ele.com), made largely in Taiwan; share 0.10: assumption; " + FAB_SRC)
fac("FAB-CN-MEM", "Memory fab, Wuhan (YMTC/CXMT-like)", "fab", "CHN-Hubei", "wafer_memory", 0.9, 30, 30.46, 114.41, "memory", "role: YMTC capped at ~115-120k wafers/month (Yole via sportingrareart.com 2023); share 0.18: assumption; " + FAB_SRC)
fac("FAB-US-MEM", "Memory fab, Boise (Micron-like)", "fab", "USA-Idaho", "wafer_memory", 0.9, 30, 43.53, -116.15, "memory", "role: Micron's US production; share 0.10: assumption; " + FAB_SRC)
fac("FAB-JP-GAN", "GaN LED/power fab, Tokushima (Nichia-like)", "fab", "JPN-Shikoku", "compound_dev", 0.9, 30, 33.94, 134.62, "compound", "role: Japanese GaN LEDs; share 0.6: assumption; packaging folded in; " + FAB_SRC)
fac("FAB-TW-GAAS", "GaAs RF fab, Taoyuan (WIN Semi-like)", "fab", "TWN-Taoyuan", "compound_dev", 0.9, 30, 25.05, 121.30, "compound", "role: Taiwanese GaAs foundry; share 0.2: assumption; " + FAB_SRC)
fac("FAB-US-GAN", "GaN/SiC fab, North Carolina (Wolfspeed-like)", "fab", "USA-NorthCarolina", "compound_dev", 0.9, 30, 35.90, -78.85, "compound", "role: US compound devices; share 0.2: assumption; " + FAB_SRC)

# OSATs
OSAT_SRC = U85 + "; " + INV_OSAT + "; " + LOC
for pid, prod, country_rows in [
    ("ADV", "chip_adv", [("TW", "TWN-Kaohsiung", "ASE/TSMC advanced packaging-like, Kaohsiung", 22.63, 120.30), ("KR", "KOR-Chungcheong", "Samsung packaging-like, Cheonan", 36.81, 127.15), ("MY", "MYS-Penang", "Penang packaging/test", 5.35, 100.30)]),
    ("MAT", "chip_mature", [("CN", "CHN-Jiangsu", "JCET-like, Wuxi", 31.49, 120.31), ("TW", "TWN-Kaohsiung", "ASE-like, Kaohsiung", 22.62, 120.29), ("MY", "MYS-Penang", "Penang packaging/test", 5.36, 100.29), ("JP", "JPN-Kyushu", "Japanese packaging, Kyushu", 33.0, 130.7)]),
    ("MCU", "mcu", [("MY", "MYS-Penang", "MCU test/assembly, Malaysia (Infineon/NXP/Renesas-like)", 5.34, 100.31), ("CN", "CHN-Jiangsu", "MCU assembly, China", 31.32, 120.62), ("TW", "TWN-Kaohsiung", "MCU assembly, Kaohsiung", 22.61, 120.31), ("JP", "JPN-Kyushu", "Renesas back-end-like, Kyushu", 33.2, 130.5)]),
    ("MEM", "memory", [("KR", "KOR-Chungcheong", "memory packaging, Cheonan", 36.80, 127.14), ("CN", "CHN-Jiangsu", "memory packaging, Suzhou/Wuxi", 31.30, 120.58), ("MY", "MYS-Penang", "memory test, Penang (Micron-like)", 5.33, 100.28)]),
]:
    for cc, region, name, lat, lon in country_rows:
        fac(f"OSAT-{cc}-{pid}", f"Assembly/test: {name}", "osat", region, prod, 0.85, 30, lat, lon, "osat",
            "role: ATP shares China 30, Taiwan 28, other (SE Asia) 20, Korea 9, Japan 6% (2022; facts.md A3); " + OSAT_SRC)

# critical materials
CM_SRC = U85 + "; " + LOC
fac("GA-CN-PRIM", "Primary gallium, Shandong (alumina by-product)", "refinery", "CHN-Shandong", "gallium_crude", 0.85, None, 36.6, 117.0, "gallium;china-materials", "role: China 98% of primary gallium (2023; facts.md C1, USGS via FT); world 760 t (2024); " + RAW + "; " + CM_SRC)
fac("GA-JP-PRIM", "Gallium recovery, Japan (scrap/new scrap)", "refinery", "JPN-Kansai", "gallium_crude", 0.85, None, 34.7, 135.3, "gallium", "role: the ~2% non-Chinese primary gallium (facts.md C1) plus recovery from process scrap; Japan site: assumption; " + RAW + "; " + CM_SRC)
fac("GA-HP-CN", "High-purity gallium refining, China", "refinery", "CHN-Shandong", "gallium_hp", 0.85, 30, 36.7, 117.1, "gallium;china-materials", "role: high-purity refined gallium ~290 t (2022; facts.md C1); China share 0.6: assumption; inventory 30 days: assumption (scenario default); " + CM_SRC)
fac("GA-HP-JP", "High-purity gallium refining, Japan (Dowa-like)", "refinery", "JPN-Tohoku", "gallium_hp", 0.85, 30, 39.7, 140.1, "gallium", "role: Japanese 6N-7N refining of imported 4N gallium: assumption; inventory 30: assumption; " + CM_SRC)
fac("GE-CN", "Germanium refining, Yunnan", "refinery", "CHN-Yunnan", "germanium", 0.85, None, 25.0, 102.7, "germanium;china-materials", "role: China ~60% of germanium (2023; facts.md C1, CRMA); " + RAW + "; " + CM_SRC)
fac("GE-CA", "Germanium, Trail BC (Teck-like zinc by-product)", "refinery", "CAN-BC", "germanium", 0.85, None, 49.1, -117.7, "germanium", "role: non-Chinese primary germanium: assumption; " + RAW + "; " + CM_SRC)
fac("GE-US-REC", "Germanium recycling, Oklahoma (Umicore-like)", "refinery", "USA-Oklahoma", "germanium", 0.85, None, 36.6, -94.8, "germanium", "role: recycling ~30% of world germanium use (2019; facts.md C1, USGS); " + RAW + "; " + CM_SRC)
fac("REE-MINE-CN", "Rare-earth mine, Bayan Obo", "mine", "CHN-InnerMongolia", "ree_conc", 0.85, None, 41.8, 109.97, "rare-earths;china-materials", "role: China 270 kt REO = 69% of mine output (2024; facts.md C1, USGS MCS 2025); " + RAW + "; " + CM_SRC)
fac("REE-MINE-US", "Rare-earth mine, Mountain Pass", "mine", "USA-California", "ree_conc", 0.85, None, 35.48, -115.53, "rare-earths", "role: US 45 kt = 11% (2024; facts.md C1); concentrate shipped to China for separation (assumption); " + RAW + "; " + CM_SRC)
fac("REE-MINE-MM", "Rare-earth mines, Kachin", "mine", "MMR-Kachin", "ree_conc", 0.85, None, 25.4, 97.9, "rare-earths", "role: Myanmar 31 kt = 8% (2024; facts.md C1); " + RAW + "; " + CM_SRC)
fac("REE-MINE-AU", "Rare-earth mine, Mt Weld", "mine", "AUS-WA", "ree_conc", 0.85, None, -28.86, 122.55, "rare-earths", "role: Lynas-like feed to Malaysia (assumption; not in facts.md); " + RAW + "; " + CM_SRC)
fac("REE-SEP-CN", "Rare-earth separation, Baotou", "refinery", "CHN-InnerMongolia", "ree_oxide", 0.85, 30, 40.65, 109.84, "rare-earths;china-materials", "role: China ~90% of rare-earth refining (~2024; facts.md C1, IEA); inventory 30: assumption; " + CM_SRC)
fac("REE-SEP-MY", "Rare-earth separation, Kuantan (Lynas-like)", "refinery", "MYS-Pahang", "ree_oxide", 0.85, 30, 3.97, 103.4, "rare-earths", "role: the main non-Chinese separation plant (assumption); inventory 30: assumption; " + CM_SRC)
fac("MAG-CN", "NdFeB magnets, Ningbo", "materials", "CHN-Zhejiang", "magnet", 0.85, 30, 29.87, 121.55, "magnets;china-materials", "role: China 92% of NdFeB magnet production (2020; Stanford PH240 2025, large.stanford.edu/courses/2025/ph240/ye1); inventory 30: assumption; " + CM_SRC)
fac("MAG-JP", "NdFeB magnets, Fukui (Shin-Etsu-like)", "materials", "JPN-Kansai", "magnet", 0.85, 30, 35.9, 136.17, "magnets", "role: Japanese magnet makers, most of the ~8% non-Chinese share (assumption); inventory 30: assumption; " + CM_SRC)
fac("LI-MINE-AU", "Spodumene mine, Greenbushes", "mine", "AUS-WA", "lithium_ore", 0.85, None, -33.86, 116.06, "lithium", "role: Australia 86 kt Li (2023; facts.md C1, USGS); " + RAW + "; " + CM_SRC)
fac("LI-MINE-CN", "Lithium mines, Sichuan/Jiangxi", "mine", "CHN-Sichuan", "lithium_ore", 0.85, None, 30.6, 102.0, "lithium;china-materials", "role: China 33 kt Li (2023; facts.md C1); " + RAW + "; " + CM_SRC)
fac("LI-BRINE-CL", "Lithium brine, Salar de Atacama", "mine", "CHL-Antofagasta", "lithium_ore", 0.85, None, -23.5, -68.2, "lithium", "role: Chile 44 kt Li (2023; facts.md C1); " + RAW + "; " + CM_SRC)
fac("LI-REF-CN", "Lithium chemicals, Sichuan", "refinery", "CHN-Sichuan", "lithium", 0.85, 30, 30.7, 104.1, "lithium;china-materials", "role: China ~2/3 of lithium refining (2023-24; facts.md C1, [W]); inventory 30: assumption; " + CM_SRC)
fac("LI-REF-CL", "Lithium carbonate, Antofagasta (SQM/Albemarle-like)", "refinery", "CHL-Antofagasta", "lithium", 0.85, 30, -23.6, -70.4, "lithium", "role: Chilean carbonate (assumption); inventory 30: assumption; " + CM_SRC)
fac("LI-REF-AU", "Lithium hydroxide, Kwinana", "refinery", "AUS-WA", "lithium", 0.85, 30, -32.2, 115.8, "lithium", "role: Australian hydroxide (assumption); inventory 30: assumption; " + CM_SRC)
fac("NI-MINE-ID", "Nickel mines, Sulawesi", "mine", "IDN-Sulawesi", "nickel_ore", 0.85, None, -2.8, 122.2, "nickel", "role: Indonesia 1.8 of 3.6 Mt (~50%) of mined nickel (2023; facts.md C1, USGS); " + RAW + "; " + CM_SRC)
fac("NI-MINE-PH", "Nickel mines/HPAL, Mindanao", "mine", "PHL-Mindanao", "nickel_ore", 0.85, None, 9.6, 125.6, "nickel", "role: Philippine ore and MHP to Japan (assumption); " + RAW + "; " + CM_SRC)
fac("NI-REF-ID", "Nickel HPAL/refining, Morowali", "refinery", "IDN-Sulawesi", "nickel", 0.85, 30, -2.8, 122.1, "nickel", "role: Indonesian class-1 intermediates (assumption); inventory 30: assumption; " + CM_SRC)
fac("NI-REF-CN", "Nickel sulphate, China", "refinery", "CHN-Guangdong", "nickel", 0.85, 30, 22.8, 113.3, "nickel;china-materials", "role: Chinese refining of Indonesian intermediates (assumption); inventory 30: assumption; " + CM_SRC)
fac("NI-REF-JP", "Nickel refinery, Niihama (SMM-like)", "refinery", "JPN-Shikoku", "nickel", 0.85, 30, 33.96, 133.3, "nickel", "role: Japanese nickel refining (assumption); inventory 30: assumption; " + CM_SRC)
fac("CO-MINE-CD", "Cobalt mines, Katanga", "mine", "COD-Katanga", "cobalt_ore", 0.85, None, -10.7, 25.5, "cobalt", "role: DRC 170 kt = 74% of mined cobalt (2023; facts.md C1, USGS); " + RAW + "; " + CM_SRC)
fac("CO-REF-CN", "Cobalt refining, China", "refinery", "CHN-Zhejiang", "cobalt", 0.85, 30, 30.3, 120.1, "cobalt;china-materials", "role: China 77% of refined cobalt (2022; facts.md C1, Darton via FT); inventory 30: assumption; " + CM_SRC)
fac("CO-REF-JP", "Cobalt refining, Niihama (SMM-like)", "refinery", "JPN-Shikoku", "cobalt", 0.85, 30, 33.95, 133.28, "cobalt", "role: non-Chinese refining (assumption); inventory 30: assumption; " + CM_SRC)
fac("GR-MINE-CN", "Graphite mines, Heilongjiang", "mine", "CHN-Heilongjiang", "graphite", 0.85, None, 45.3, 130.9, "graphite;china-materials", "role: China 65% of natural graphite (2022; facts.md C1, USGS); " + RAW + "; " + CM_SRC)
fac("GR-MINE-MZ", "Graphite mine, Balama", "mine", "MOZ-CaboDelgado", "graphite", 0.85, None, -13.3, 38.6, "graphite", "role: the largest non-Chinese flake source (assumption; not in facts.md); " + RAW + "; " + CM_SRC)
fac("AN-CN", "Anode material, Guangdong/Hunan", "materials", "CHN-Hunan", "anode", 0.85, 30, 28.2, 112.9, "graphite;china-materials", "role: China >90% of battery-anode refining (2023; facts.md C1, Reuters); inventory 30: assumption; " + CM_SRC)
fac("AN-JP", "Anode material, Japan (Resonac/Mitsubishi Chemical-like)", "materials", "JPN-Kanto", "anode", 0.85, 30, 36.0, 140.6, "graphite", "role: Japanese anode (assumption); inventory 30: assumption; " + CM_SRC)
fac("AN-KR", "Anode material, Korea (POSCO Future M-like)", "materials", "KOR-Gyeongbuk", "anode", 0.85, 30, 36.0, 129.3, "graphite", "role: Korean anode (assumption); inventory 30: assumption; " + CM_SRC)
fac("CATH-JP", "Cathode material, Niihama (SMM-like)", "materials", "JPN-Shikoku", "cathode", 0.85, 30, 33.94, 133.25, "cathode", "role: Japanese NCA cathode (assumption); inventory 30: assumption; " + CM_SRC)
fac("CATH-KR", "Cathode material, Korea (EcoPro-like)", "materials", "KOR-Chungcheong", "cathode", 0.85, 30, 36.6, 127.4, "cathode", "role: Korean NCM cathode (assumption); inventory 30: assumption; " + CM_SRC)
fac("CATH-CN", "Cathode material, Hunan", "materials", "CHN-Hunan", "cathode", 0.85, 30, 28.1, 113.0, "cathode;china-materials", "role: Chinese cathode (assumption); inventory 30: assumption; " + CM_SRC)
fac("CELL-JP", "Battery cells, Osaka (Panasonic-like)", "materials", "JPN-Kansai", "battery_cell", 0.85, 30, 34.75, 135.6, "cells", "role: Japanese cells (assumption); inventory 30: assumption; " + CM_SRC)
fac("CELL-US", "Battery cells, Nevada (Panasonic-like)", "materials", "USA-Nevada", "battery_cell", 0.85, 30, 39.54, -119.44, "cells", "role: Japanese-owned US cells (assumption); inventory 30: assumption; " + CM_SRC)
fac("CELL-KR", "Battery cells, Ochang (LGES-like)", "materials", "KOR-Chungcheong", "battery_cell", 0.85, 30, 36.7, 127.4, "cells", "role: Korean cells (assumption); inventory 30: assumption; " + CM_SRC)
fac("CELL-CN", "Battery cells, Ningde (CATL-like)", "materials", "CHN-Fujian", "battery_cell", 0.85, 30, 26.66, 119.55, "cells;china-materials", "role: Chinese cells (facts.md B2: CATL $41.4B OE sales 2023); inventory 30: assumption; " + CM_SRC)

# auto parts
T1_INV = "inventory 40 days of chips and parts: median chip inventory of US chip users in 2019 (facts.md A7; Commerce RFI)"
T2_INV = "inventory 14 days: assumption (parts makers between JIT and the 40-day chip buffer; no sourced figure)"
MOTOR_INV = "inventory 30 days of magnets: assumption calibrated on the 2025 rare-earth controls - licences from early April, first Japanese and US line stops from late May, ~7 weeks (Nikkei via Business Standard 2025-06-05)"
fac("ECU-JP", "ECU tier-1, Aichi (Denso-like)", "tier1", "JPN-Tokai", "ecu", 0.85, 120, 34.98, 137.05, "tier1;toyota-group", "role: Denso $40.7B OE sales (2023; facts.md B2); inventory 120 days: Toyota's post-2011 BCP stocks, 'up to 4 months of some parts' (facts.md B3, WSJ 2021) and 2-6 months of chips at suppliers (facts.md A7, Reuters 2021); " + U85 + "; " + LOC)
fac("ECU-US", "ECU tier-1, Michigan/Tennessee (Denso-like)", "tier1", "USA-Michigan", "ecu", 0.85, 40, 42.5, -83.3, "tier1", "role: Denso 25% North American sales (facts.md B2); " + T1_INV + "; " + U85 + "; " + LOC)
fac("ECU-MX", "ECU tier-1, Nuevo Leon", "tier1", "MEX-NuevoLeon", "ecu", 0.85, 40, 25.7, -100.3, "tier1", "role: Mexican electronics tier-1 (facts.md B4: Mexico auto exports $158B, 2023); " + T1_INV + "; " + U85 + "; " + LOC)
fac("ECU-KR", "ECU tier-1, Korea (Hyundai Mobis-like)", "tier1", "KOR-Gyeonggi", "ecu", 0.85, 40, 37.3, 127.1, "tier1", "role: Hyundai Mobis $37.0B OE sales (2023; facts.md B2); " + T1_INV + "; " + U85 + "; " + LOC)
fac("ECU-CN", "ECU tier-1, Jiangsu", "tier1", "CHN-Jiangsu", "ecu", 0.85, 40, 31.5, 120.4, "tier1", "role: Chinese tier-1 (facts.md B1: China $18B of US parts imports [W]); " + T1_INV + "; " + U85 + "; " + LOC)
fac("MOTOR-JP", "Small motors, Kansai (Nidec/Mabuchi-like)", "tier2", "JPN-Kansai", "motor", 0.85, 30, 34.9, 135.7, "tier2", "role: Japanese motors (assumption); " + MOTOR_INV + "; " + U85 + "; " + LOC)
fac("MOTOR-CN", "Small motors, Guangdong", "tier2", "CHN-Guangdong", "motor", 0.85, 30, 22.9, 113.7, "tier2", "role: Chinese motors (assumption); " + MOTOR_INV + "; " + U85 + "; " + LOC)
fac("MOTOR-MX", "Small motors, Chihuahua", "tier2", "MEX-Chihuahua", "motor", 0.85, 30, 31.7, -106.4, "tier2", "role: Mexican motors for North American plants (assumption); " + MOTOR_INV + "; " + U85 + "; " + LOC)
fac("HARNESS-MX", "Wire harnesses, Ciudad Juarez (Yazaki-like)", "tier2", "MEX-Chihuahua", "wire_harness", 0.85, None, 31.69, -106.42, "tier2", "role: Mexico ~38% of US parts imports (~2024; facts.md B1 [W]); " + RAW + "; " + U85 + "; " + LOC)
fac("HARNESS-CN", "Wire harnesses, China", "tier2", "CHN-Guangdong", "wire_harness", 0.85, None, 23.0, 113.1, "tier2", "role: Chinese harnesses for Japan (assumption); " + RAW + "; " + U85 + "; " + LOC)
fac("HARNESS-VN", "Wire harnesses, Vietnam (Sumitomo Wiring-like)", "tier2", "VNM-North", "wire_harness", 0.85, None, 20.86, 106.68, "tier2", "role: SE Asian harnesses for Japan (assumption); " + RAW + "; " + U85 + "; " + LOC)
fac("LAMP-JP", "Lamps, Shizuoka (Koito-like)", "tier1", "JPN-Tokai", "lamp", 0.85, 14, 34.97, 138.38, "tier1", "role: Japanese lamps (assumption); " + T2_INV + "; " + U85 + "; " + LOC)
fac("LAMP-US", "Lamps, Illinois (North American Lighting-like)", "tier1", "USA-Illinois", "lamp", 0.85, 14, 38.9, -88.6, "tier1", "role: US lamps (assumption); " + T2_INV + "; " + U85 + "; " + LOC)
fac("LAMP-MX", "Lamps, Guanajuato", "tier1", "MEX-Guanajuato", "lamp", 0.85, 14, 20.9, -101.4, "tier1", "role: Mexican lamps (assumption); " + T2_INV + "; " + U85 + "; " + LOC)
fac("LAMP-CN", "Lamps, China", "tier1", "CHN-Guangdong", "lamp", 0.85, 14, 22.7, 113.9, "tier1", "role: Chinese lamps (assumption); " + T2_INV + "; " + U85 + "; " + LOC)
JIT = "inventory 3 days: just-in-time, Aisin 'not even one week' (facts.md B3, 2016) and Toyota pays for a day's parts (facts.md B3)"
fac("ASSY-JP-TOKAI", "Vehicle assembly, Aichi (Toyota-like)", "assembly", "JPN-Tokai", "vehicle", 0.9, 3, 35.05, 137.16, "assembly;japan-assembly", "role: Japan built 8,998,538 vehicles in 2023 (JAMA via steelorbis.com 2024-03-15); utilization 0.9: assumption; " + JIT + "; " + LOC)
fac("ASSY-JP-KANTO", "Vehicle assembly, Kanto (Subaru/Honda-like)", "assembly", "JPN-Kanto", "vehicle", 0.9, 3, 36.3, 139.4, "assembly;japan-assembly", "role: Kanto plants (assumption); utilization 0.9: assumption; " + JIT + "; " + LOC)
fac("ASSY-JP-KYUSHU", "Vehicle assembly, Kyushu (Nissan/Toyota Kyushu-like)", "assembly", "JPN-Kyushu", "vehicle", 0.9, 3, 33.7, 130.9, "assembly;japan-assembly", "role: Kyushu plants (assumption); utilization 0.9: assumption; " + JIT + "; " + LOC)
fac("ASSY-US-KY", "Vehicle assembly, Georgetown KY (Toyota-like)", "assembly", "USA-Kentucky", "vehicle", 0.9, 3, 38.24, -84.55, "assembly;us-assembly", "role: Japanese brands built >3.2M vehicles in the US in 2023 (facts.md B1; JAMA USA); utilization 0.9: assumption; " + JIT + "; " + LOC)
fac("ASSY-US-OH", "Vehicle assembly, Marysville OH (Honda-like)", "assembly", "USA-Ohio", "vehicle", 0.9, 3, 40.3, -83.5, "assembly;us-assembly", "role: as ASSY-US-KY (facts.md B1); utilization 0.9: assumption; " + JIT + "; " + LOC)
fac("ASSY-US-TN", "Vehicle assembly, Smyrna TN (Nissan-like)", "assembly", "USA-Tennessee", "vehicle", 0.9, 3, 35.98, -86.5, "assembly;us-assembly", "role: as ASSY-US-KY (facts.md B1); utilization 0.9: assumption; " + JIT + "; " + LOC)
fac("ASSY-MX-GTO", "Vehicle assembly, Guanajuato (Toyota/Honda/Mazda-like)", "assembly", "MEX-Guanajuato", "vehicle", 0.9, 3, 20.6, -100.9, "assembly;mx-assembly", "role: Japanese makers 27% of Mexico's output (2013; facts.md B4 [W]) of ~3.8M (2023); utilization 0.9: assumption; " + JIT + "; " + LOC)
fac("ASSY-MX-AGS", "Vehicle assembly, Aguascalientes (Nissan-like)", "assembly", "MEX-Aguascalientes", "vehicle", 0.9, 3, 21.8, -102.3, "assembly;mx-assembly", "role: Nissan Mexico ~505,000 Jan-Sep 2024 (facts.md B4); utilization 0.9: assumption; " + JIT + "; " + LOC)

FAC = {f["id"]: f for f in F}

# --------------------------------------------------------------------------------------------
# Markets: id, name, region, product, demand_per_day, inventory_days, nets, source
# --------------------------------------------------------------------------------------------
JP_SALES = 4779086 / 365
US_JB = 13700
MARKETS = [
    ("US-VEHICLES", "US sales of Japanese-brand light vehicles", "USA-National", "vehicle", US_JB, 30, {AUTO},
     "demand 13,700/day = ~5.0M a year: US-built Japanese brands >3.2M (2023) less ~0.3M exported (facts.md B1), plus 1.3M shipped from Japan (2024; facts.md B1) and ~0.8M from Japanese makers' Mexican plants (27% of ~3.8M x >80% exported; facts.md B4): derived here; inventory 0: assumption (dealer stock not modelled; lost output shows as unmet demand)"),
    ("JP-VEHICLES", "Japanese new-vehicle sales", "JPN-National", "vehicle", round(JP_SALES, 1), 10, {AUTO},
     "demand 4,779,086 vehicles in 2023 / 365 = 13,093/day (JADA and Zenkeijikyo via Jiji/nippon.com 2024-01-05); imports ignored (assumption); inventory 10 days: assumption (Japanese sales are largely built to order; leaner than the US 60-day norm, Cox via fi-magazine.com 2023)"),
    ("US-LOGIC-ADV", "US users of advanced logic (system makers)", "USA-National", "chip_adv", 2000, 40, {SEMI},
     "demand 2,000 wafer-equivalents/day: assumption - TSMC's ~$23B 4/5 nm revenue in 2023 (notebookcheck.net 2023) / $16,988 a wafer = ~3,700 wafers/day, about half for US customers (assumption); inventory 40 days: median chip inventory of US chip users 2019 (facts.md A7)"),
    ("US-MEMORY", "US users of memory", "USA-National", "memory", 3000, 40, {SEMI},
     "demand 3,000 wafer-equivalents/day: assumption (no sourced US memory volume; storage ~28% of the semiconductor market, depend-ele.com 2023); inventory 40: facts.md A7 (2019)"),
    ("JP-LOGIC-MATURE", "Japanese users of mature logic/analog (electronics, industry)", "JPN-National", "chip_mature", 2000, 40, {SEMI},
     "demand 2,000 wafer-equivalents/day: assumption (no sourced figure); inventory 40: facts.md A7 (2019 US figure used for Japan)"),
    ("US-AUTO-MCU", "US automotive MCU users (semiconductors network only)", "USA-National", "mcu", 122, 40, {SEMI, "semi-only"},
     "demand 122 wafer-equivalents/day: the MCU draw of the non-Japanese tier-1s in cross-pacific (122/day), standing for them in the semiconductors network; inventory 40: facts.md A7 (2019)"),
    ("JP-AUTO-MCU", "Japanese automotive MCU users (semiconductors network only)", "JPN-National", "mcu", 280, 120, {SEMI, "semi-only"},
     "demand 280 wafer-equivalents/day: the MCU draw of the Japanese tier-1 in cross-pacific (280/day); inventory 120 days: Toyota's post-2011 stocks (facts.md B3, A7)"),
    ("JP-AUTO-MATURE", "Automotive users of mature chips (semiconductors network only)", "JPN-National", "chip_mature", 2680, 40, {SEMI, "semi-only"},
     "demand 2,680 wafer-equivalents/day: the mature-chip draw of all tier-1s in cross-pacific; inventory 40: facts.md A7 (2019)"),
    ("US-COMPOUND", "Automotive users of GaN/GaAs devices (semiconductors network only)", "USA-National", "compound_dev", 215, 40, {SEMI, "semi-only"},
     "demand 215 wafer-equivalents/day: the LED draw of the lamp makers in cross-pacific; inventory 40: facts.md A7 (2019)"),
    ("US-GALLIUM", "US gallium users (other than the modelled fabs)", "USA-National", "gallium_hp", 50, 60, {CM},
     "demand 50 kg/day (~18 t a year): assumption (no sourced US consumption figure); inventory 60 days: assumption (industry holds more than the 30-day default of rare metals)"),
    ("JP-GALLIUM", "Japanese gallium users", "JPN-National", "gallium_hp", 150, 60, {CM},
     "demand 150 kg/day: assumption (no sourced figure); inventory 60: assumption as US-GALLIUM"),
    ("US-GERMANIUM", "US germanium users (optics, fibre, defence)", "USA-National", "germanium", 80, 60, {CM},
     "demand 80 kg/day (~30 t a year): assumption (no sourced figure; China exported 43.7 t in 2022, facts.md C1); inventory 60: assumption"),
    ("JP-GERMANIUM", "Japanese germanium users", "JPN-National", "germanium", 60, 60, {CM},
     "demand 60 kg/day: assumption; inventory 60: assumption"),
    ("US-MAGNETS", "US industrial magnet users (motors, wind, defence)", "USA-National", "magnet", 20000, 60, {CM},
     "demand 20 t/day: assumption (no sourced figure); inventory 60: assumption"),
    ("JP-MAGNETS", "Japanese industrial magnet users", "JPN-National", "magnet", 15000, 60, {CM},
     "demand 15 t/day: assumption; inventory 60: assumption"),
    ("US-BATTERY", "US battery-cell users (EVs, storage)", "USA-National", "battery_cell", 300000, 30, {CM},
     "demand 300 MWh/day (~110 GWh a year): assumption (no sourced figure); inventory 30: assumption (scenario default)"),
    ("JP-BATTERY", "Japanese battery-cell users", "JPN-National", "battery_cell", 80000, 30, {CM},
     "demand 80 MWh/day (~29 GWh a year): assumption; inventory 30: assumption"),
]

# --------------------------------------------------------------------------------------------
# Sourcing (non-backup links): customer -> product -> {supplier: share}, with one source per split.
# --------------------------------------------------------------------------------------------
S = []  # (customer, product, {supplier: share}, source)


def split(customers, product, shares, src):
    tot = sum(shares.values())
    shares = {k: v / tot for k, v in shares.items()}
    for c in customers:
        S.append((c, product, shares, src))


FABS_TW = ["FAB-TW-ADV", "FAB-TW-MAT", "FAB-TW-MCU", "FAB-TW-MEM"]
FABS_KR = ["FAB-KR-ADV", "FAB-KR-MEM"]
FABS_JP = ["FAB-NAKA", "FAB-JP-MCU", "FAB-JP-MAT", "FAB-JP-MEM"]
FABS_CN = ["FAB-CN-MAT", "FAB-CN-MEM"]
FABS_OTHER = ["FAB-US-ADV", "FAB-US-MAT", "FAB-SG-MAT", "FAB-US-MCU", "FAB-DE-MCU", "FAB-US-MEM"]
SI_FABS = FABS_TW + FABS_KR + FABS_JP + FABS_CN + FABS_OTHER
NON_KR = FABS_TW + FABS_CN + FABS_OTHER + ["FAB-JP-GAN", "FAB-TW-GAAS", "FAB-US-GAN"]
split(FABS_TW + FABS_CN + FABS_OTHER + ["FAB-TW-GAAS", "FAB-US-GAN"], "photoresist", {"RESIST-KANTO": 0.55, "RESIST-TOKAI": 0.35, "RESIST-US": 0.07, "RESIST-KR": 0.03},
      "Japanese 90% of photoresist (facts.md A4, 2019/2025) split 0.55/0.35 over two Japanese sites; US 0.07, Korea 0.03: assumption")
split(FABS_KR, "photoresist", {"RESIST-KANTO": 0.5, "RESIST-TOKAI": 0.3, "RESIST-US": 0.1, "RESIST-KR": 0.1},
      "Korea's photoresist dependence on Japan ~92-93% (2018-19; facts.md A4) reduced after 2019 (facts.md C2: resist partly from Belgium): 0.8 Japanese, rest assumption")
split(FABS_JP + ["FAB-JP-GAN"], "photoresist", {"RESIST-KANTO": 0.6, "RESIST-TOKAI": 0.4}, "Japanese fabs buy Japanese resist (facts.md A4); 0.6/0.4 split: assumption")
split(SI_FABS, "silicon_wafer", {"WAFER-TOHOKU": 0.32, "WAFER-KYUSHU": 0.24, "WAFER-HSINCHU": 0.16, "WAFER-KR": 0.10, "WAFER-DE": 0.14},
      "silicon wafers Japan 56, Taiwan 16, Germany 14, Korea 10% (2019; facts.md A3), China's 4% left out and shares renormalised; Japan split by Shin-Etsu 29.4 : SUMCO 21.9 (facts.md A4)")
split([f for f in SI_FABS if f not in FABS_KR], "hf", {"HF-KANSAI": 0.7, "HF-CN": 0.2, "HF-KR": 0.1}, "Japan ~70% of HF (2019; facts.md A4); China 0.2, Korea 0.1: assumption")
split(FABS_KR, "hf", {"HF-KR": 0.5, "HF-KANSAI": 0.4, "HF-CN": 0.1}, "Japan's share of Korea's HF imports 46.3% Jan-May 2024 after 12.8% in 2020 (facts.md C2); Korean own supply 0.5: assumption")
split(SI_FABS, "neon", {"NEON-UA": 0.5, "NEON-CN": 0.3, "NEON-US": 0.2}, "Ukraine 45-54% of semiconductor-grade neon (2021; facts.md A5), midpoint 0.5; China 0.3 and US 0.2: assumption")
OSATS = [f["id"] for f in F if f["kind"] == "osat"]
split(OSATS, "fpi", {"FPI-JP": 0.9, "FPI-KR": 0.1}, "Japan ~90% of fluorinated polyimide (2019; facts.md A4)")
split([o for o in OSATS if o.endswith("-ADV")], "wafer_adv", {"FAB-TW-ADV": 0.88, "FAB-KR-ADV": 0.08, "FAB-US-ADV": 0.04},
      "<10 nm capacity Taiwan 92%, Korea 8% (2019; facts.md A1); US Arizona ~10,000 wafers/month from Q4 2024 (Tom's Hardware via gagadget.com) taken as 0.04 of this flow (assumption) and Taiwan reduced to 0.88")
split([o for o in OSATS if o.endswith("-MAT")], "wafer_mature", {"FAB-TW-MAT": 0.47, "FAB-CN-MAT": 0.19, "FAB-US-MAT": 0.06, "FAB-JP-MAT": 0.14, "FAB-SG-MAT": 0.14},
      "28-45 nm capacity Taiwan 47, China 19, US 6, other 28% (2019; facts.md A2); 'other' split Japan/Singapore 14/14: assumption")
split([o for o in OSATS if o.endswith("-MCU")], "wafer_mcu", {"FAB-TW-MCU": 0.6, "FAB-NAKA": 0.1, "FAB-JP-MCU": 0.1, "FAB-US-MCU": 0.1, "FAB-DE-MCU": 0.1},
      "assumption anchored on facts.md A6 (6 of 7 Renesas 40 nm MCUs from TSMC, 2021) and B3 (Renesas ~30%, Infineon 29%, NXP+Renesas+Infineon ~70% of auto MCUs)")
split([o for o in OSATS if o.endswith("-MEM")], "wafer_memory", {"FAB-KR-MEM": 0.45, "FAB-JP-MEM": 0.17, "FAB-TW-MEM": 0.10, "FAB-CN-MEM": 0.18, "FAB-US-MEM": 0.10},
      "assumption informed by DRAM vendor shares Samsung 40 / SK hynix 29 / Micron 22% (depend-ele.com ~2023) and Kioxia's Japanese NAND; fab capacity by site China 24, Taiwan 18, Japan 17, Korea 17, US 10% for all devices (2022; facts.md A3)")
split(["US-LOGIC-ADV"], "chip_adv", {"OSAT-TW-ADV": 0.75, "OSAT-KR-ADV": 0.10, "OSAT-MY-ADV": 0.15}, "Taiwan 51% of assembly/test by location (2022; facts.md A6, IDC), higher for advanced packaging: 0.75 assumption; Korea 0.10 and Malaysia 0.15: assumption")
MAT_SHARES = {"OSAT-CN-MAT": 30, "OSAT-TW-MAT": 28, "OSAT-MY-MAT": 20, "OSAT-JP-MAT": 6}
MAT_SRC = "ATP China 30, Taiwan 28, other (SE Asia) 20, Japan 6% (2022; facts.md A3), Korea/Europe/US left out and renormalised"
split(["JP-LOGIC-MATURE", "JP-AUTO-MATURE"], "chip_mature", MAT_SHARES, MAT_SRC)
split(["US-MEMORY"], "memory", {"OSAT-KR-MEM": 0.4, "OSAT-CN-MEM": 0.35, "OSAT-MY-MEM": 0.25}, "assumption (Korean, Chinese and Malaysian back-ends of the memory makers; facts.md A3 ATP shares)")
MCU_SHARES = {"OSAT-MY-MCU": 0.4, "OSAT-CN-MCU": 0.25, "OSAT-TW-MCU": 0.2, "OSAT-JP-MCU": 0.15}
MCU_SRC = "assumption informed by facts.md A3 ATP shares (China 30, Taiwan 28, SE Asia 20, Japan 6%) and the Malaysian back-ends of the European/US MCU makers"
split(["ECU-US", "ECU-MX", "ECU-KR", "ECU-CN", "US-AUTO-MCU"], "mcu", MCU_SHARES, MCU_SRC)
split(["ECU-JP", "JP-AUTO-MCU"], "mcu", {"OSAT-JP-MCU": 0.4, "OSAT-MY-MCU": 0.3, "OSAT-TW-MCU": 0.2, "OSAT-CN-MCU": 0.1}, "assumption: a Japanese tier-1 buys more from Renesas' Japanese back-end (facts.md B3)")
split(["ECU-JP", "ECU-US", "ECU-MX", "ECU-KR", "ECU-CN"], "chip_mature", MAT_SHARES, MAT_SRC)
split(["LAMP-JP", "LAMP-US", "LAMP-MX", "LAMP-CN", "US-COMPOUND"], "compound_dev", {"FAB-JP-GAN": 0.6, "FAB-TW-GAAS": 0.2, "FAB-US-GAN": 0.2}, "assumption (Japanese GaN LED makers lead; no sourced share)")
split(["FAB-JP-GAN", "FAB-TW-GAAS", "FAB-US-GAN"], "gallium_hp", {"GA-HP-CN": 0.6, "GA-HP-JP": 0.4}, "assumption (China 98% of primary gallium, facts.md C1; Japanese refiners supply part of the high-purity metal)")
split(["GA-HP-JP"], "gallium_crude", {"GA-CN-PRIM": 0.5, "GA-JP-PRIM": 0.5}, "China 98% of primary gallium (2023; facts.md C1), but Japanese refiners also recover gallium from GaAs process scrap: half of the feed, assumption")
split(["GA-HP-CN"], "gallium_crude", {"GA-CN-PRIM": 1}, "domestic feed (facts.md C1)")
split(["US-GALLIUM"], "gallium_hp", {"GA-HP-CN": 0.6, "GA-HP-JP": 0.4}, "assumption (US imports still arrive via third countries, facts.md C2)")
split(["JP-GALLIUM"], "gallium_hp", {"GA-HP-JP": 0.7, "GA-HP-CN": 0.3}, "assumption")
split(["US-GERMANIUM"], "germanium", {"GE-CN": 0.6, "GE-CA": 0.2, "GE-US-REC": 0.2}, "China ~60% of germanium (2023; facts.md C1); recycling ~30% of world use (facts.md C1) taken as 0.2, Canada 0.2: assumption")
split(["JP-GERMANIUM"], "germanium", {"GE-CN": 0.7, "GE-CA": 0.15, "GE-US-REC": 0.15}, "China ~60% (facts.md C1), Japan more dependent: assumption")
split(["REE-SEP-CN"], "ree_conc", {"REE-MINE-CN": 0.78, "REE-MINE-US": 0.13, "REE-MINE-MM": 0.09}, "mine output China 69, US 11, Myanmar 8% (2024; facts.md C1), renormalised over the three")
split(["REE-SEP-MY"], "ree_conc", {"REE-MINE-AU": 1}, "Mt Weld concentrate to Malaysia: assumption")
split(["MAG-CN"], "ree_oxide", {"REE-SEP-CN": 1}, "domestic (facts.md C1: China ~90% of refining)")
split(["MAG-JP"], "ree_oxide", {"REE-SEP-CN": 0.6, "REE-SEP-MY": 0.4}, "assumption (Japan's non-Chinese offtake; China ~90% of refining, facts.md C1)")
split(["MOTOR-JP", "JP-MAGNETS"], "magnet", {"MAG-JP": 0.6, "MAG-CN": 0.4}, "assumption (Japanese users buy Japanese magnets first)")
split(["MOTOR-CN"], "magnet", {"MAG-CN": 1}, "domestic (China 92% of magnets, large.stanford.edu 2025)")
split(["MOTOR-MX", "US-MAGNETS"], "magnet", {"MAG-CN": 0.8, "MAG-JP": 0.2}, "China 92% of NdFeB production (2020; large.stanford.edu 2025), 0.8 here: assumption")
split(["LI-REF-CN"], "lithium_ore", {"LI-MINE-AU": 0.7, "LI-MINE-CN": 0.3}, "Australia 86 kt vs China 33 kt of mined lithium (2023; facts.md C1); China imports Australian spodumene (facts.md C1: China >73% of traded lithium imports)")
split(["LI-REF-AU"], "lithium_ore", {"LI-MINE-AU": 1}, "domestic")
split(["LI-REF-CL"], "lithium_ore", {"LI-BRINE-CL": 1}, "domestic")
split(["CATH-JP"], "lithium", {"LI-REF-CN": 0.5, "LI-REF-CL": 0.4, "LI-REF-AU": 0.1}, "China ~2/3 of refining (facts.md C1, [W]); Japanese makers buy Chilean carbonate: assumption")
split(["CATH-KR"], "lithium", {"LI-REF-CN": 0.6, "LI-REF-CL": 0.3, "LI-REF-AU": 0.1}, "assumption as CATH-JP")
split(["CATH-CN"], "lithium", {"LI-REF-CN": 0.9, "LI-REF-CL": 0.1}, "assumption")
split(["NI-REF-ID"], "nickel_ore", {"NI-MINE-ID": 1}, "domestic")
split(["NI-REF-CN"], "nickel_ore", {"NI-MINE-ID": 0.7, "NI-MINE-PH": 0.3}, "Indonesia ~50% of mined nickel (2023; facts.md C1); 0.7/0.3: assumption")
split(["NI-REF-JP"], "nickel_ore", {"NI-MINE-PH": 0.7, "NI-MINE-ID": 0.3}, "assumption (Japanese refiners' Philippine feed)")
split(["CATH-JP"], "nickel", {"NI-REF-JP": 0.6, "NI-REF-ID": 0.4}, "assumption")
split(["CATH-KR"], "nickel", {"NI-REF-ID": 0.5, "NI-REF-CN": 0.3, "NI-REF-JP": 0.2}, "assumption")
split(["CATH-CN"], "nickel", {"NI-REF-CN": 0.7, "NI-REF-ID": 0.3}, "assumption")
split(["CO-REF-CN", "CO-REF-JP"], "cobalt_ore", {"CO-MINE-CD": 1}, "DRC 74% of mined cobalt (2023; facts.md C1); the only modelled mine")
split(["CATH-KR", "CATH-CN"], "cobalt", {"CO-REF-CN": 0.8, "CO-REF-JP": 0.2}, "China 77% of refined cobalt (2022; facts.md C1), 0.8 here")
split(["CATH-JP"], "cobalt", {"CO-REF-JP": 0.5, "CO-REF-CN": 0.5}, "assumption")
split(["AN-CN", "AN-KR"], "graphite", {"GR-MINE-CN": 0.8, "GR-MINE-MZ": 0.2}, "China 65% of natural graphite (2022; facts.md C1); 0.8 with processed imports: assumption")
split(["AN-JP"], "graphite", {"GR-MINE-CN": 0.9, "GR-MINE-MZ": 0.1}, "assumption (Japanese anode makers import Chinese spherical graphite)")
split(["CELL-JP"], "cathode", {"CATH-JP": 0.8, "CATH-CN": 0.2}, "assumption")
split(["CELL-US"], "cathode", {"CATH-JP": 0.6, "CATH-KR": 0.3, "CATH-CN": 0.1}, "assumption")
split(["CELL-KR"], "cathode", {"CATH-KR": 0.8, "CATH-CN": 0.2}, "assumption")
split(["CELL-CN"], "cathode", {"CATH-CN": 1}, "assumption")
split(["CELL-JP"], "anode", {"AN-JP": 0.5, "AN-CN": 0.5}, "China >90% of anode (2023; facts.md C1); 0.5 for a Japanese cell maker: assumption")
split(["CELL-US"], "anode", {"AN-CN": 0.6, "AN-JP": 0.3, "AN-KR": 0.1}, "assumption (facts.md C1 China >90% of anode)")
split(["CELL-KR"], "anode", {"AN-CN": 0.6, "AN-KR": 0.4}, "assumption")
split(["CELL-CN"], "anode", {"AN-CN": 1}, "domestic")
split(["US-BATTERY"], "battery_cell", {"CELL-US": 0.6, "CELL-KR": 0.25, "CELL-JP": 0.1, "CELL-CN": 0.05}, "assumption")
split(["JP-BATTERY"], "battery_cell", {"CELL-JP": 0.8, "CELL-CN": 0.2}, "assumption")
# auto
JPA = ["ASSY-JP-TOKAI", "ASSY-JP-KANTO", "ASSY-JP-KYUSHU"]
USA_ = ["ASSY-US-KY", "ASSY-US-OH", "ASSY-US-TN"]
MXA = ["ASSY-MX-GTO", "ASSY-MX-AGS"]
split(JPA, "ecu", {"ECU-JP": 1}, "Japanese plants buy from the Toyota-group tier-1 (Denso 63% Asia sales, facts.md B2): assumption of one source")
split(USA_, "ecu", {"ECU-US": 0.5, "ECU-MX": 0.2, "ECU-JP": 0.2, "ECU-KR": 0.1}, "assumption (Japanese-brand US plants bought $70.4B of US parts in 2017, facts.md B1; Japan and Mexico supply the rest)")
split(MXA, "ecu", {"ECU-MX": 0.6, "ECU-JP": 0.2, "ECU-CN": 0.2}, "assumption")
split(JPA, "motor", {"MOTOR-JP": 0.7, "MOTOR-CN": 0.3}, "assumption")
split(USA_, "motor", {"MOTOR-MX": 0.5, "MOTOR-CN": 0.3, "MOTOR-JP": 0.2}, "assumption (Mexico ~38%, China $18B of US parts imports, facts.md B1 [W])")
split(MXA, "motor", {"MOTOR-MX": 0.6, "MOTOR-CN": 0.4}, "assumption")
split(JPA, "wire_harness", {"HARNESS-VN": 0.5, "HARNESS-CN": 0.5}, "assumption (Japanese harnesses are made in SE Asia and China)")
split(USA_ + MXA, "wire_harness", {"HARNESS-MX": 1}, "assumption (Mexico ~38% of US parts imports, facts.md B1 [W]; harnesses are Mexico's largest)")
split(JPA, "lamp", {"LAMP-JP": 1}, "assumption")
split(USA_, "lamp", {"LAMP-US": 0.6, "LAMP-MX": 0.4}, "assumption")
split(MXA, "lamp", {"LAMP-MX": 0.7, "LAMP-CN": 0.3}, "assumption")
split(["JP-VEHICLES"], "vehicle", {"ASSY-JP-TOKAI": 0.5, "ASSY-JP-KANTO": 0.25, "ASSY-JP-KYUSHU": 0.25}, "assumption (Toyota & Lexus 1.67M of 4.78M Japanese sales in 2023, nippon.com 2024; plants by region illustrative)")
# US-VEHICLES written explicitly below (two lanes from Japan)
US_VEH = [
    ("ASSY-JP-TOKAI", 0.10, "west"), ("ASSY-JP-TOKAI", 0.06, "panama"),
    ("ASSY-JP-KANTO", 0.05, "west"), ("ASSY-JP-KANTO", 0.02, "panama"),
    ("ASSY-JP-KYUSHU", 0.03, "west"),
    ("ASSY-US-KY", 0.25, None), ("ASSY-US-OH", 0.20, None), ("ASSY-US-TN", 0.13, None),
    ("ASSY-MX-GTO", 0.10, None), ("ASSY-MX-AGS", 0.06, None),
]
US_VEH_SRC = ("shares of Japanese-brand US sales: 0.26 imported from Japan (1.3M of ~5.0M; facts.md B1, 2024), 0.58 US-built (>3.2M less ~0.3M exported; facts.md B1), "
              "0.16 from Mexico (~0.8M; facts.md B4); plant and lane splits (0.08 of the total through Panama to the East Coast): assumption")

# --------------------------------------------------------------------------------------------
# Shipping layer: ports, straits and routes by origin/destination group.
# --------------------------------------------------------------------------------------------
SEA_PORT = {
    "JPN-Kanto": "KEIHIN", "JPN-Tohoku": "KEIHIN", "JPN-Tokai": "NAGOYA", "TWN": "KAOHSIUNG", "KOR": "BUSAN",
    "CHN-Shanghai": "SHANGHAI", "CHN-Jiangsu": "SHANGHAI", "CHN-Zhejiang": "SHANGHAI", "CHN-Hubei": "SHANGHAI", "CHN-Sichuan": "SHANGHAI", "CHN-Yunnan": None,
    "MEX": "MANZANILLO", "USA-Washington": "SEA-TAC", "USA-Idaho": "SEA-TAC",
}
AIRPORT = {"TWN": "TPE", "JPN": "NRT", "KOR": "ICN", "CHN": "PVG", "MYS": "PEN"}
AIR_ALT = {"TPE": ("KHH-AIR", 1, 0.3, "KHH-AIR handles a fraction of TPE's cargo: capacity 0.3 and +1 day are assumptions"),
           "NRT": ("KIX", 1, 0.5, "KIX as NRT's alternate: capacity 0.5 and +1 day are assumptions")}
NE_ASIA = {"JPN", "KOR", "TWN", "CHN"}
SOUTH_CN = {"CHN-Guangdong", "CHN-Fujian", "CHN-Hunan", "CHN-Yunnan"}
NORTH_CN = {"CHN-Shandong", "CHN-InnerMongolia", "CHN-Heilongjiang"}
INDIAN_OCEAN = {"COD", "MOZ", "UKR", "DEU"}
US_WEST_STATES = {"USA-California", "USA-Washington", "USA-Arizona", "USA-Nevada", "USA-Idaho"}
SEA_MODE_PRODUCTS = {"hf", "neon", "gallium_crude", "gallium_hp", "germanium", "ree_conc", "ree_oxide", "magnet", "lithium_ore", "lithium",
                     "nickel_ore", "nickel", "cobalt_ore", "cobalt", "graphite", "cathode", "anode", "battery_cell",
                     "wire_harness", "motor", "ecu", "lamp", "vehicle", "fpi"}


def port_of(region):
    c = REGION_COUNTRY[region]
    if region in SEA_PORT:
        return SEA_PORT[region]
    if c in SEA_PORT:
        return SEA_PORT[c]
    if c == "USA":
        return "LA-LB"
    return None


def group(region):
    """Coarse origin/destination group used in route ids and transit times."""
    c = REGION_COUNTRY[region]
    if c == "CHN":
        if region in SOUTH_CN:
            return "CNS"
        if region in NORTH_CN:
            return "CNN"
        return "CNE"
    if c == "JPN":
        return {"KEIHIN": "JPK", "NAGOYA": "JPT"}.get(port_of(region), "JPW")
    if c == "USA":
        return "USW" if region == "USA-Washington" or region == "USA-Idaho" else "US"
    if c == "MYS":
        return "MYP" if region == "MYS-Penang" else "MYE"
    return c


def sea_transit(og, dg):
    """Sea days between groups (assumptions scaled from facts.md D1's 16 days Shanghai -> US West Coast)."""
    asia = {"JPK", "JPT", "JPW", "KOR", "TWN", "CNE", "CNS", "CNN"}
    sea_ = {"MYP", "MYE", "SGP", "VNM", "PHL", "IDN"}
    us = {"US", "USW"}

    def t(a, b):
        if a in asia and b in asia:
            return 3
        if (a in asia and b in sea_) or (a in sea_ and b in asia) or (a in sea_ and b in sea_):
            return 6
        if a in asia and b in us:
            return {"TWN": 17, "CNE": 16, "CNS": 17, "CNN": 16}.get(a, 14)
        if a in sea_ and b in us:
            return 21
        if a in asia and b == "MEX":
            return 17
        if a in sea_ and b == "MEX":
            return 22
        if a == "AUS":
            return 10 if b in asia or b in sea_ else 18
        if a == "CHL":
            return 25 if b in asia or b in sea_ else 15
        if a in {"COD", "MOZ"}:
            return 25
        if a in {"UKR", "DEU"}:
            return 30
        if a == "CAN":
            return 12 if b in asia else 3
        if a == "MMR":
            return 3
        if a in us and b == "MEX":
            return 3
        return None

    v = t(og, dg)
    if v is None:
        v = t(dg, og)
    if v is None:
        raise SystemExit(f"no transit for {og}->{dg}")
    return v


ROUTES = {}  # id -> row dict


def sea_route(sreg, creg):
    og, dg = group(sreg), group(creg)
    oc, dc = REGION_COUNTRY[sreg], REGION_COUNTRY[creg]
    if oc == "MEX" and dc == "USA":
        rid = "LAND-MEX-USA"
        ROUTES.setdefault(rid, dict(id=rid, name="Mexico -> US by road/rail via Laredo", mode="land", chokepoints=["LAREDO"], transit_days=3,
                                    alt=None, source="transit 3 days by road/rail: assumption (no sourced figure); LAREDO stands for the border crossings"))
        return rid, 3 + 2
    if oc == "MMR" and dc == "CHN":
        rid = "LAND-MMR-CHN"
        ROUTES.setdefault(rid, dict(id=rid, name="Myanmar -> Yunnan/Inner China overland", mode="land", chokepoints=[], transit_days=3, alt=None,
                                    source="transit 3 days overland: assumption"))
        return rid, 3 + 2
    if oc == "CAN" and dc == "USA":
        rid = "LAND-CAN-USA"
        ROUTES.setdefault(rid, dict(id=rid, name="Canada -> US by rail", mode="land", chokepoints=[], transit_days=3, alt=None, source="transit 3 days: assumption"))
        return rid, 5
    if {oc, dc} <= {"UKR", "DEU"}:
        rid = "LAND-UKR-DEU"
        ROUTES.setdefault(rid, dict(id=rid, name="Ukraine -> Germany overland", mode="land", chokepoints=[], transit_days=5, alt=None,
                                    source="transit 5 days by road/rail: assumption"))
        return rid, 7
    if {oc, dc} & {"UKR", "DEU"} and {oc, dc} & {"USA", "CAN", "MEX"}:
        rid = f"SEA-ATL-{oc}-{dc}"
        ROUTES.setdefault(rid, dict(id=rid, name=f"Sea {oc} -> {dc} across the Atlantic", mode="sea", chokepoints=[], transit_days=14, alt=None,
                                    source="transit 14 days across the Atlantic: assumption (no sourced figure)"))
        return rid, 18 + (4 if dc == "USA" and creg not in US_WEST_STATES and creg != "USA-National" else 0)
    op, dp = port_of(sreg), port_of(creg)
    straits, alt_straits, extra, cap, why = [], None, 0, 1.0, []
    north_dest = dg in {"JPK", "JPT", "JPW", "KOR", "CNE", "CNN"}
    north_orig = og in {"JPK", "JPT", "JPW", "KOR", "CNE", "CNN"}
    south_side = {"TWN", "CNS", "MYP", "MYE", "SGP", "VNM", "PHL", "IDN"}
    if (og in south_side and north_dest) or (dg in south_side and north_orig):
        if not (og in {"PHL", "IDN"} or dg in {"PHL", "IDN"}):
            straits.append("TAIWAN-STRAIT")
            alt_straits = ["LUZON-STRAIT"]
            extra, cap = 1, 0.6
            why.append("Taiwan Strait with the Luzon Strait/east-of-Taiwan passage as alternate (+1 day, 60% of the flow: assumption; facts.md D3: about half the container fleet uses the Taiwan Strait, no Luzon figure)")
    if dc in {"USA", "MEX"} and og in {"TWN", "CNS", "MYP", "MYE", "SGP", "VNM"}:
        straits.append("LUZON-STRAIT")
        alt_straits = ["TAIWAN-STRAIT"]
        extra, cap = 1, 0.6
        why.append("south of Taiwan via the Luzon Strait, alternate north through the Taiwan Strait (+1 day, 60%: assumption)")
    if og in {"MYP"} or dg in {"MYP"} or REGION_COUNTRY[sreg] in INDIAN_OCEAN or REGION_COUNTRY[creg] in INDIAN_OCEAN:
        straits.insert(0 if og in {"MYP"} or REGION_COUNTRY[sreg] in INDIAN_OCEAN else len(straits), "MALACCA")
        alt_straits = [s for s in (alt_straits or straits) if s != "MALACCA"]
        extra, cap = extra + 3, min(cap, 0.7)
        why.append("Strait of Malacca, alternate via the Lombok/Makassar straits (+3 days, 70% of the flow: assumption)")
    alt_dp = dp
    if dp == "LA-LB":
        alt_dp = "SEA-TAC"
        extra, cap = extra + 2, min(cap, 0.3)
        why.append("LA/LB with Seattle/Tacoma as alternate gateway (+2 days, 30% of the flow: assumption; NWSA ~15% of San Pedro Bay's inbound loaded TEU, facts.md D2)")
    if alt_straits is None:
        alt_straits = list(straits)
    primary = [p for p in [op] + straits + [dp] if p]
    alternate = [p for p in [op] + alt_straits + [alt_dp] if p]
    transit = sea_transit(og, dg)
    rid = f"SEA-{og}-{dg}"
    if rid not in ROUTES:
        src = f"transit {transit} days: assumption scaled from facts.md D1 (Shanghai -> US West Coast 16 days, 2021; Shifl) by distance"
        if why:
            src += "; " + "; ".join(why)
        ROUTES[rid] = dict(id=rid, name=f"Sea {og} -> {dg}", mode="sea", chokepoints=primary, transit_days=transit,
                           alt=(alternate, extra, cap) if alternate != primary else None, source=src)
    lead = transit + 4 + (4 if dc == "USA" and creg not in US_WEST_STATES and creg != "USA-National" else 0)
    return rid, lead


def air_route(sreg, creg):
    oc, dc = REGION_COUNTRY[sreg], REGION_COUNTRY[creg]
    oa, da = AIRPORT.get(oc), AIRPORT.get(dc)
    rid = f"AIR-{oc}-{dc}"
    if rid not in ROUTES:
        cps = [a for a in (oa, da) if a]
        alt, src = None, "transit 2 days: facts.md D1 air freight under 48 h (ATAG)"
        if oa in AIR_ALT:
            a, x, c, why = AIR_ALT[oa]
            alt = ([a] + ([da] if da else []), x, c)
            src += "; " + why
        ROUTES[rid] = dict(id=rid, name=f"Air {oc} -> {dc}", mode="air", chokepoints=cps, transit_days=2, alt=alt, source=src)
    return rid, 4


def route_for(sup, cus, product):
    sreg = FAC[sup]["region"]
    creg = CUSREG[cus]
    if REGION_COUNTRY[sreg] == REGION_COUNTRY[creg]:
        return None, 2, "by truck within the country, 2 days: assumption (as scenarios/tutorial)"
    if product in SEA_MODE_PRODUCTS:
        rid, lead = sea_route(sreg, creg)
        return rid, lead, f"lead {lead} days = transit + 1 day truck to port + 3 days port dwell (pre-pandemic <3 days, events.md E1 #11) (+4 days rail to US inland plants, as scenarios/tutorial): assumption"
    rid, lead = air_route(sreg, creg)
    return rid, lead, "by air (facts.md D4: chips move by air, 47% of Taiwan's trade value); lead 4 days = 2 days flight + 2 days handling/customs: assumption (as scenarios/tutorial)"


CUSREG = {f["id"]: f["region"] for f in F}
CUSREG.update({m[0]: m[2] for m in MARKETS})

LINKS = []  # dict(supplier, customer, product, share, lead, route, backup, source)
for cus, product, shares, src in S:
    for sup, sh in shares.items():
        rid, lead, lsrc = route_for(sup, cus, product)
        LINKS.append(dict(supplier=sup, customer=cus, product=product, share=round(sh, 6), lead=lead, route=rid or "", backup=False, source="share: " + src + "; " + lsrc))
for sup, sh, lane in US_VEH:
    if lane is None:
        rid, lead, lsrc = route_for(sup, "US-VEHICLES", "vehicle")
        if rid is None:
            lead, lsrc = 5, "to dealers, 5 days: assumption (as scenarios/tutorial)"
    elif lane == "west":
        rid = f"SEA-{group(FAC[sup]['region'])}-US"
        rid, lead = sea_route(FAC[sup]["region"], "USA-California")
        lsrc = f"car carrier to the West Coast, lead {lead} days = transit + 4 days port handling: assumption"
    else:
        og = group(FAC[sup]["region"])
        op = port_of(FAC[sup]["region"]) or "KEIHIN"
        rid = f"SEA-{og}-USEC"
        if rid not in ROUTES:
            ROUTES[rid] = dict(id=rid, name=f"Sea {og} -> US East Coast via Panama", mode="sea", chokepoints=[op, "PANAMA"], transit_days=30,
                               alt=([op, "LA-LB"], 5, 0.5), source="transit 30 days: assumption (facts.md D1: ocean ~30 days, ATAG); alternate: land at LA/LB and rail east, +5 days, 50% of the flow (assumption; facts.md D3: Panama ~2/3 US-linked cargo, events.md E1 #18 diversions)")
        lead = 34
        lsrc = "car carrier via Panama to the East Coast, lead 34 days = 30 transit + 4 handling: assumption"
    LINKS.append(dict(supplier=sup, customer="US-VEHICLES", product="vehicle", share=sh, lead=lead, route=rid or "", backup=False, source="share: " + US_VEH_SRC + "; " + lsrc))

# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def nets_of_product(p):
    return PROD[p][7]


def in_net(net, product):
    return net == "cross" or net in nets_of_product(product)


def market_in(net, m):
    nets = m[6]
    if net == "cross":
        return "semi-only" not in nets
    return net in nets


def write_csv(path, header, rows):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def fmt(v):
    if isinstance(v, float):
        s = f"{v:.6f}".rstrip("0").rstrip(".")
        return s
    return v


def build(net, outdir):
    os.makedirs(outdir, exist_ok=True)
    facs = [f for f in F if in_net(net, f["product"])]
    fids = {f["id"] for f in facs}
    mkts = [m for m in MARKETS if market_in(net, m)]
    made = {f["product"] for f in facs}
    recipes = [r for r in RECIPES if r[0] in made and r[1] in made]
    used_inputs = {(r[0], r[1]) for r in recipes}
    nodes = {**{f["id"]: f["product"] for f in facs}, **{m[0]: None for m in mkts}}
    links = []
    for l in LINKS:
        if l["supplier"] not in fids or l["customer"] not in nodes:
            continue
        cp = nodes[l["customer"]]
        if cp is not None and (cp, l["product"]) not in used_inputs:
            continue
        links.append(l)
    # products: those made or demanded
    prods = [p for p in PRODUCTS if p[0] in made]
    # routes/chokepoints used
    rids = sorted({l["route"] for l in links if l["route"]}, key=lambda r: list(ROUTES).index(r))
    cps_used = set()
    for r in rids:
        cps_used.update(ROUTES[r]["chokepoints"])
        if ROUTES[r]["alt"]:
            cps_used.update(ROUTES[r]["alt"][0])
    cps = [c for c in CHOKEPOINTS if c[0] in cps_used]
    regs_used = {f["region"] for f in facs} | {m[2] for m in mkts} | {c[4] for c in cps if c[4]}
    regs = [r for r in REGIONS if r[0] in regs_used]

    write_csv(os.path.join(outdir, "products.csv"), ["id", "name", "unit", "unit_value", "sector", "qualification_days", "ttr_days", "source"],
              [(p[0], p[1], p[2], fmt(p[3]), p[4], p[5], p[6], p[8]) for p in prods])
    write_csv(os.path.join(outdir, "regions.csv"), ["id", "name", "country", "source"], regs)
    write_csv(os.path.join(outdir, "chokepoints.csv"), ["id", "name", "kind", "country", "region", "lat", "lon", "source"], cps)
    write_csv(os.path.join(outdir, "routes.csv"), ["id", "name", "mode", "chokepoints", "transit_days", "alternate_chokepoints", "alternate_extra_days", "alternate_capacity", "source"],
              [(r["id"], r["name"], r["mode"], ";".join(r["chokepoints"]), r["transit_days"],
                ";".join(r["alt"][0]) if r["alt"] else "", r["alt"][1] if r["alt"] else "", fmt(r["alt"][2]) if r["alt"] else "", r["source"])
               for r in (ROUTES[i] for i in rids)])
    write_csv(os.path.join(outdir, "facilities.csv"), ["id", "name", "kind", "country", "region", "product", "capacity", "utilization", "inventory_days", "lat", "lon", "tags", "source"],
              [(f["id"], f["name"], f["kind"], f["country"], f["region"], f["product"], f["capacity"], f["utilization"],
                f["inventory_days"] if any(r[0] == f["product"] for r in recipes) else None, f["lat"], f["lon"], f["tags"],
                f["source"] if any(r[0] == f["product"] for r in recipes) or "raw source" in f["source"] else f["source"].replace(INV_FAB, RAW).replace(INV_OSAT, RAW).replace(T1_INV, RAW).replace(T2_INV, RAW).replace(MOTOR_INV, RAW) + ("" if "raw" in f["source"] else ""))
               for f in facs])
    write_csv(os.path.join(outdir, "markets.csv"), ["id", "name", "country", "region", "product", "demand_per_day", "inventory_days", "tags", "source"],
              [(m[0], m[1], REGION_COUNTRY[m[2]], m[2], m[3], fmt(m[4]), m[5], "market", m[7]) for m in mkts])
    write_csv(os.path.join(outdir, "recipes.csv"), ["product", "input", "per_unit", "inventory_days", "source"], [(r[0], r[1], fmt(r[2]), r[4] if len(r) > 4 else None, r[3]) for r in recipes])
    write_csv(os.path.join(outdir, "links.csv"), ["supplier", "customer", "product", "share", "lead_time_days", "route", "backup", "source"],
              [(l["supplier"], l["customer"], l["product"], fmt(l["share"]), l["lead"], l["route"], "true" if l["backup"] else "false", l["source"]) for l in links])
    return dict(facilities=len(facs), markets=len(mkts), products=len(prods), links=len(links), routes=len(rids), chokepoints=len(cps), regions=len(regs))


if __name__ == "__main__":
    targets = {"cross": "cross-pacific", SEMI: "semiconductors", AUTO: "auto-parts", CM: "critical-materials"}
    only = sys.argv[1:] or list(targets)
    for net in only:
        counts = build(net, os.path.join(ROOT, targets[net]))
        print(targets[net], counts)
